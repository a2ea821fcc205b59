import { describe, expect, it } from "vitest";
import { CSRF_HEADER, createApiClient, readCookie } from "./api";

function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    const body = request.method === "DELETE" ? null : JSON.stringify({ items: [], nextCursor: null });
    return new Response(body, { status: body ? 200 : 204, headers: { "Content-Type": "application/json" } });
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

describe("readCookie", () => {
  it("finds a cookie among others and decodes it", () => {
    expect(readCookie("a=1; smo1_csrf=abc%2Bdef; b=2", "smo1_csrf")).toBe("abc+def");
  });
  it("does not match a cookie whose name only ends the same", () => {
    expect(readCookie("xsmo1_csrf=evil", "smo1_csrf")).toBeUndefined();
  });
  it("is undefined without cookies", () => {
    expect(readCookie("", "smo1_csrf")).toBeUndefined();
  });
});

describe("the API client's CSRF middleware", () => {
  const cookies = () => "theme=dark; smo1_csrf=token-123";

  it("sends the CSRF cookie in X-CSRF-Token on POST, PATCH and DELETE", async () => {
    const { requests, fetch } = recordingFetch();
    const api = createApiClient({ baseUrl: "http://localhost", fetch, cookies });
    await api.POST("/api/v1/links", { params: { query: { workspace: "acme" } }, body: { target: "https://example.com" } });
    await api.PATCH("/api/v1/links/{code}", { params: { path: { code: "abc" }, query: { workspace: "acme" } }, body: { title: null } });
    await api.DELETE("/api/v1/links/{code}", { params: { path: { code: "abc" }, query: { workspace: "acme" } } });
    expect(requests.map((r) => [r.method, r.headers.get(CSRF_HEADER)])).toEqual([
      ["POST", "token-123"],
      ["PATCH", "token-123"],
      ["DELETE", "token-123"],
    ]);
  });

  it("leaves it out of GET", async () => {
    const { requests, fetch } = recordingFetch();
    const api = createApiClient({ baseUrl: "http://localhost", fetch, cookies });
    await api.GET("/api/v1/links", { params: { query: { workspace: "acme", q: "docs" } } });
    expect(requests[0]?.headers.has(CSRF_HEADER)).toBe(false);
    expect(requests[0]?.url).toBe("http://localhost/api/v1/links?workspace=acme&q=docs");
  });

  it("reads the cookie at each call (it changes on login)", async () => {
    const { requests, fetch } = recordingFetch();
    let jar = "";
    const api = createApiClient({ baseUrl: "http://localhost", fetch, cookies: () => jar });
    await api.POST("/api/v1/auth/logout");
    jar = "smo1_csrf=fresh";
    await api.POST("/api/v1/auth/logout");
    expect(requests.map((r) => r.headers.get(CSRF_HEADER))).toEqual([null, "fresh"]);
  });
});
