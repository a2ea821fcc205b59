// The one client of SMO1's API: typed by the generated contract (@smo1/api-types), same origin as
// the dashboard, with the session cookie. Every server call goes through `api` and TanStack Query.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "@smo1/api-types";

export const CSRF_COOKIE = "smo1_csrf";
export const CSRF_HEADER = "X-CSRF-Token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The value of cookie `name` in a `document.cookie` string, decoded; undefined when absent. */
export function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) {
      const value = part.slice(separator + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

/**
 * Repeats the session's CSRF cookie in the `X-CSRF-Token` header of every unsafe call (the API
 * refuses a cookie-authenticated POST/PATCH/DELETE without it: 403 csrf_failed). Safe calls go
 * without it. Read at each call: the cookie changes on login and logout.
 */
export function csrfMiddleware(cookies: () => string): Middleware {
  return {
    onRequest({ request }) {
      if (SAFE_METHODS.has(request.method.toUpperCase())) return undefined;
      const token = readCookie(cookies(), CSRF_COOKIE);
      if (token) request.headers.set(CSRF_HEADER, token);
      return request;
    },
  };
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  cookies?: () => string;
}

export function createApiClient(options: ApiClientOptions = {}) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? "",
    credentials: "same-origin",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(
    csrfMiddleware(options.cookies ?? (() => (typeof document === "undefined" ? "" : document.cookie))),
  );
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const api: ApiClient = createApiClient();
