import { describe, expect, it } from "vitest";
import type { LiveClick } from "@smo1/api-types";
import { LIVE_CLICKS_KEPT, liveClicksUrl, parseLiveClick, withClick } from "./live-clicks";

const click = (id: string): LiveClick => ({
  id,
  at: "2026-12-07T10:00:00Z",
  country: "DE",
  device: "Desktop",
  browser: "Chrome",
  os: "Windows",
  bot: false,
  referrerHost: "news.example",
  trigger: "qr",
  rule: 0,
  variant: 0,
});

describe("live clicks", () => {
  it("asks for the link of the workspace, on its domain when not the default one", () => {
    expect(liveClicksUrl("team", "launch", null)).toBe("/api/v1/links/launch/clicks/live?workspace=team");
    expect(liveClicksUrl("team", "a b", "go.example")).toBe("/api/v1/links/a%20b/clicks/live?workspace=team&domain=go.example");
  });

  it("reads a click event's data and refuses anything else", () => {
    expect(parseLiveClick(JSON.stringify(click("1")))).toEqual(click("1"));
    expect(parseLiveClick("not json")).toBeNull();
    expect(parseLiveClick("null")).toBeNull();
    expect(parseLiveClick(JSON.stringify({ ...click("1"), bot: "no" }))).toBeNull();
    expect(parseLiveClick(JSON.stringify({ ...click("1"), trigger: "email" }))).toBeNull();
    const { country: _country, ...withoutCountry } = click("1");
    expect(parseLiveClick(JSON.stringify(withoutCountry))).toBeNull();
  });

  it("keeps the newest first, each click once, at most the kept number", () => {
    let kept: LiveClick[] = [];
    for (let i = 0; i < LIVE_CLICKS_KEPT + 5; i++) kept = withClick(kept, click(String(i)));
    expect(kept).toHaveLength(LIVE_CLICKS_KEPT);
    expect(kept[0]!.id).toBe(String(LIVE_CLICKS_KEPT + 4));
    expect(withClick(kept, click(String(LIVE_CLICKS_KEPT + 4)))).toHaveLength(LIVE_CLICKS_KEPT);
  });
});
