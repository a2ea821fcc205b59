import type { Link } from "@smo1/api-types";
import { describe, expect, it } from "vitest";
import { deleteBody, outcome, outcomeText, statusBody, tagBody } from "./bulk";

const link = (code: string, tags: string[]) => ({ code, tags }) as unknown as Link;

describe("bulk bodies", () => {
  it("name the selected codes, and the domain only when it is a custom one", () => {
    expect(statusBody(["a", "b"], "", "disabled")).toEqual({ codes: ["a", "b"], status: "disabled" });
    expect(statusBody(["a"], "go.acme.test", "active")).toEqual({ codes: ["a"], domain: "go.acme.test", status: "active" });
    expect(deleteBody(["a"], "")).toEqual({ codes: ["a"] });
  });
  it("add a tag to each link's own tags, leaving out the links that have it", () => {
    expect(tagBody([link("a", ["x"]), link("b", ["spring"]), link("c", [])], "", " spring ")).toEqual({
      items: [
        { code: "a", change: { tags: ["x", "spring"] } },
        { code: "c", change: { tags: ["spring"] } },
      ],
    });
    expect(tagBody([link("b", ["spring"])], "", "spring")).toBeNull();
  });
});

describe("bulk outcomes", () => {
  it("count what was done and name what was not, in the request's order", () => {
    const result = outcome(
      ["a", "b", "c"],
      [{ ok: true }, { ok: false, error: { code: "not_found", message: "no such link", field: null } }, { ok: true }],
    );
    expect(result).toEqual({ done: 2, failed: [{ code: "b", message: "no such link" }] });
    expect(outcomeText("disable", result)).toBe("2 links disabled; 1 not: b (no such link).");
    expect(outcomeText("delete", { done: 1, failed: [] })).toBe("1 link deleted.");
  });
});
