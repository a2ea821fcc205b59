// Paths inside the dashboard. Next.js adds the /app base path to router and <Link> paths itself;
// `window.location` and emailed links carry it.
export const BASE_PATH = "/app";
export const HOME = "/links/";

/**
 * The page to open after logging in: a `next` parameter that is a path of this dashboard, else
 * the home page. Anything else (another origin, `//host`, a scheme) is ignored, so a crafted
 * login link cannot send the user elsewhere.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return HOME;
  let path = next;
  if (path === BASE_PATH || path.startsWith(BASE_PATH + "/") || path.startsWith(BASE_PATH + "?")) {
    path = path.slice(BASE_PATH.length) || "/";
  }
  if (!path.startsWith("/") || path.startsWith("//")) return HOME;
  if (path.startsWith("/login") || path.startsWith("/signup")) return HOME;
  return path;
}

/** The login page that comes back to `path` (a dashboard path with its query) afterwards. */
export function loginHref(path: string): string {
  const next = safeNext(path);
  return next === HOME ? "/login/" : `/login/?next=${encodeURIComponent(next)}`;
}

/**
 * A dashboard href carrying the workspace (`?workspace=`) and other query parameters; parameters
 * with an empty or undefined value are left out.
 */
export function href(
  path: string,
  workspace: string | null | undefined,
  params: Record<string, string | number | undefined | null> = {},
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  if (workspace) search.set("workspace", workspace);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
