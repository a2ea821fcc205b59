import { describe, expect, it } from "vitest";
import { addDays, checkCustomRange, dateIn, rangeFromSearch, rangeParams, rangeToSearch } from "./analytics-range";

// 2026-12-01 01:30 in Paris, still 30 November in New York
const now = new Date("2026-12-01T00:30:00Z");

describe("range presets → API parameters", () => {
  it("24 h: hourly from 24 hours ago, in the browser's zone", () => {
    expect(rangeParams({ kind: "preset", preset: "24h" }, now, "Europe/Paris")).toEqual({
      from: "2026-11-30T00:30:00.000Z",
      interval: "hour",
      tz: "Europe/Paris",
    });
  });

  it("7 d: daily from the start of the day six days before today, in the zone's calendar", () => {
    expect(rangeParams({ kind: "preset", preset: "7d" }, now, "Europe/Paris")).toEqual({
      from: "2026-11-25",
      interval: "day",
      tz: "Europe/Paris",
    });
    expect(rangeParams({ kind: "preset", preset: "7d" }, now, "America/New_York").from).toBe("2026-11-24");
  });

  it("30 d and 90 d count today as one of their days", () => {
    expect(rangeParams({ kind: "preset", preset: "30d" }, now, "UTC").from).toBe("2026-11-02");
    expect(rangeParams({ kind: "preset", preset: "90d" }, now, "UTC").from).toBe("2026-09-03");
  });

  it("custom: whole days with an exclusive end, hourly up to two days", () => {
    expect(rangeParams({ kind: "custom", from: "2026-11-01", to: "2026-11-30" }, now, "Asia/Kolkata")).toEqual({
      from: "2026-11-01",
      to: "2026-12-01",
      interval: "day",
      tz: "Asia/Kolkata",
    });
    expect(rangeParams({ kind: "custom", from: "2026-11-01", to: "2026-11-02" }, now, "UTC").interval).toBe("hour");
  });
});

describe("custom range checks (as the API's limits)", () => {
  it("refuses an end before the start, over 400 days, and dates outside 2000–2099", () => {
    expect(checkCustomRange("2026-11-02", "2026-11-01")?.field).toBe("to");
    expect(checkCustomRange("2025-01-01", "2026-02-05")?.field).toBe("from");
    expect(checkCustomRange("1999-12-31", "2000-01-02")).toBeDefined();
    expect(checkCustomRange("2025-01-01", "2026-02-04")).toBeUndefined();
    expect(checkCustomRange("", "2026-02-04")?.field).toBe("from");
  });
});

describe("dates", () => {
  it("adds days across months and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
  it("reads the calendar date in a zone", () => {
    expect(dateIn(now, "Europe/Paris")).toBe("2026-12-01");
    expect(dateIn(now, "America/Los_Angeles")).toBe("2026-11-30");
  });
});

describe("range in the page URL", () => {
  it("round-trips presets and custom ranges, keeping other parameters", () => {
    const search = rangeToSearch({ kind: "custom", from: "2026-11-01", to: "2026-11-30" }, new URLSearchParams("workspace=acme"));
    expect(search.toString()).toBe("workspace=acme&range=custom&from=2026-11-01&to=2026-11-30");
    expect(rangeFromSearch(search)).toEqual({ kind: "custom", from: "2026-11-01", to: "2026-11-30" });
    expect(rangeFromSearch(rangeToSearch({ kind: "preset", preset: "30d" }, search))).toEqual({ kind: "preset", preset: "30d" });
  });
  it("falls back to 7 days for anything else", () => {
    expect(rangeFromSearch(new URLSearchParams("range=1y"))).toEqual({ kind: "preset", preset: "7d" });
    expect(rangeFromSearch(new URLSearchParams("range=custom&from=2026-11-05&to=2026-11-01"))).toEqual({ kind: "preset", preset: "7d" });
  });
});
