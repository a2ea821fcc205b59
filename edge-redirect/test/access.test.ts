import { describe, expect, it } from "vitest";
import fixture from "@smo1/kv-record/access-cookies.json";
import { issueAccess, validAccess } from "@smo1/kv-record/access";

// the node's AccessCookies runs the same cases (AccessCookiesTest)
describe("the access cookie of a password-protected link, in workerd (shared fixtures with the node)", () => {
  it("issues the node's cookie", async () => {
    const { key, since, now, issued } = fixture.issue;
    expect(await issueAccess(fixture.secret, key, Date.parse(since), Date.parse(now))).toBe(issued);
  });
  for (const row of fixture.cases) {
    it(row.name, async () => {
      expect(await validAccess(fixture.secret, row.cookie, row.key, Date.parse(row.since), Date.parse(row.now))).toBe(
        row.valid,
      );
    });
  }
});
