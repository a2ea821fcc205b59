import { describe, expect, it } from "vitest";
import { currentCursor, cursorPages, firstPage, hasPrevious, pageNumber } from "./cursor-pages";

describe("cursor paging", () => {
  it("walks forward with the API's nextCursor and back the same way", () => {
    let state = firstPage;
    expect(currentCursor(state)).toBeUndefined();
    expect(hasPrevious(state)).toBe(false);
    state = cursorPages(state, { type: "next", cursor: "c1" });
    state = cursorPages(state, { type: "next", cursor: "c2" });
    expect([currentCursor(state), pageNumber(state), hasPrevious(state)]).toEqual(["c2", 3, true]);
    state = cursorPages(state, { type: "previous" });
    expect([currentCursor(state), pageNumber(state)]).toEqual(["c1", 2]);
    state = cursorPages(state, { type: "previous" });
    expect(state).toEqual(firstPage);
  });

  it("stays on the first page when going back from it, and starts over on reset", () => {
    expect(cursorPages(firstPage, { type: "previous" })).toBe(firstPage);
    const deep = cursorPages(firstPage, { type: "next", cursor: "c1" });
    expect(cursorPages(deep, { type: "reset" })).toEqual(firstPage);
  });
});
