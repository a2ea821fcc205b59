// Where the dashboard's "Export" links point: the API's streamed exports, downloaded with the
// session's cookie (a GET needs no CSRF token).

export type LinkExportFilters = { q?: string; tag?: string; status?: string; domain?: string };

/** `/api/v1/exports/links` for the workspace and the list's filters, as CSV or JSON. */
export function linksExportUrl(workspace: string, filters: LinkExportFilters, format: "csv" | "json" = "csv"): string {
  const query = new URLSearchParams({ workspace, format });
  for (const [name, value] of Object.entries(filters)) {
    if (value) query.set(name, value);
  }
  return `/api/v1/exports/links?${query.toString()}`;
}

/** `/api/v1/exports/clicks` of one link (or the workspace) over a range, as CSV. */
export function clicksExportUrl(workspace: string, range: { from: string; to: string }, link?: { code: string; domain?: string | null }): string {
  const query = new URLSearchParams({ workspace, from: range.from, to: range.to });
  if (link) {
    query.set("code", link.code);
    if (link.domain) query.set("domain", link.domain);
  }
  return `/api/v1/exports/clicks?${query.toString()}`;
}
