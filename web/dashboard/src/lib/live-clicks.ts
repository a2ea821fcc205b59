// The live view of a link's clicks: `GET /api/v1/links/{code}/clicks/live`, server-sent events
// read with the session's cookie (EventSource sends it; a GET needs no CSRF token).
import type { LiveClick } from "@smo1/api-types";

/** How many clicks the view keeps, newest first. */
export const LIVE_CLICKS_KEPT = 50;

/** The events' URL for the link in the workspace (on `domain` when not the default one). */
export function liveClicksUrl(workspace: string, code: string, domain: string | null): string {
  const query = new URLSearchParams({ workspace });
  if (domain) query.set("domain", domain);
  return `/api/v1/links/${encodeURIComponent(code)}/clicks/live?${query.toString()}`;
}

/** A `click` event's data as a click, or null when it is not one (never trusted blindly). */
export function parseLiveClick(data: string): LiveClick | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const click = value as Record<string, unknown>;
  const texts = ["id", "at", "country", "device", "browser", "os", "referrerHost", "trigger"] as const;
  if (!texts.every((field) => typeof click[field] === "string")) return null;
  if (typeof click.bot !== "boolean" || typeof click.rule !== "number" || typeof click.variant !== "number") return null;
  if (click.trigger !== "link" && click.trigger !== "qr") return null;
  return click as unknown as LiveClick;
}

/** The clicks kept after `click` arrives: newest first, each once, at most LIVE_CLICKS_KEPT. */
export function withClick(clicks: readonly LiveClick[], click: LiveClick): LiveClick[] {
  if (clicks.some((kept) => kept.id === click.id)) return [...clicks];
  return [click, ...clicks].slice(0, LIVE_CLICKS_KEPT);
}
