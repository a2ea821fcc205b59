import { describe, expect, it } from "vitest";
import fixture from "../contract/fixtures/target-urls.json";

type Row = { name: string; input: string; location?: string; refused?: string };

const rows: Row[] = fixture.targets;
const accepted = rows.filter((row): row is Row & { location: string } => row.location !== undefined);
const PLAIN = /^[\x21-\x7e]*$/;

/**
 * whatwg/url#846 (March 2025) put '^' in the path percent-encode set; a runtime whose URL parser
 * predates it (Node 22's Ada 2.9) keeps a '^' of the path as it is.
 */
const keepsCaretInPaths = new URL("https://example.com/^").pathname === "/^";

function withCaretEncodedInPath(href: string): string {
  const url = new URL(href);
  url.pathname = url.pathname.replaceAll("^", "%5E");
  return url.href;
}

describe("link targets (shared fixtures with TargetUrls in link-domain)", () => {
  it("has more than thirty accepted rows", () => {
    expect(accepted.length).toBeGreaterThan(30);
  });

  for (const row of accepted) {
    it(`the URL standard gives the node's location: ${row.name}`, () => {
      const href = new URL(row.input).href;
      expect(keepsCaretInPaths ? withCaretEncodedInPath(href) : href).toBe(row.location);
    });

    it(`a location is plain ASCII the standard leaves as it is: ${row.name}`, () => {
      expect(row.location).toMatch(PLAIN);
      expect(new URL(row.location).href).toBe(row.location);
    });
  }
});
