// Range choices of the analytics pages and the API parameters they become (src-docs/analytics-api.md):
// the browser's IANA time zone as `tz`, hourly buckets for a day, daily ones otherwise; a date
// (YYYY-MM-DD) means the start of that day in `tz`, and `to` is exclusive.
import type { AnalyticsQuery } from "@smo1/api-types";

export const PRESETS = ["24h", "7d", "30d", "90d"] as const;
export type Preset = (typeof PRESETS)[number];
export type RangeChoice = { kind: "preset"; preset: Preset } | { kind: "custom"; from: string; to: string };

export const PRESET_LABELS: Record<Preset, string> = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
};

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_DAYS = 400;
export const MAX_HOURLY_DAYS = 31;

/** The browser's IANA time zone (what the API's `tz` wants), UTC when it cannot tell. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** The calendar date of `instant` in `timeZone`, as YYYY-MM-DD. */
export function dateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** A YYYY-MM-DD date moved by whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + "T00:00:00Z") - Date.parse(from + "T00:00:00Z")) / DAY_MS);
}

/** Why a custom range cannot be asked for, or undefined. `to` is the last day shown (inclusive). */
export function checkCustomRange(from: string, to: string): { field: "from" | "to"; message: string } | undefined {
  if (!DATE.test(from)) return { field: "from", message: "Enter a start date." };
  if (!DATE.test(to)) return { field: "to", message: "Enter an end date." };
  if (to < from) return { field: "to", message: "The end date must not be before the start date." };
  if (from < "2000-01-01" || to >= "2100-01-01") {
    return { field: "from", message: "Choose dates between 2000 and 2099." };
  }
  if (daysBetween(from, to) + 1 > MAX_DAYS) {
    return { field: "from", message: `Choose at most ${MAX_DAYS} days.` };
  }
  return undefined;
}

/**
 * The analytics query of a range choice at `now` in `timeZone`:
 * - 24 h: hourly buckets from 24 hours ago to now;
 * - 7/30/90 d: daily buckets, today and the days before it (today partly elapsed);
 * - custom: whole days `from` to `to` inclusive, hourly up to 2 days, daily beyond.
 */
export function rangeParams(choice: RangeChoice, now: Date, timeZone: string): AnalyticsQuery {
  const tz = timeZone;
  if (choice.kind === "custom") {
    const days = daysBetween(choice.from, choice.to) + 1;
    return {
      from: choice.from,
      to: addDays(choice.to, 1),
      interval: days <= 2 ? "hour" : "day",
      tz,
    };
  }
  if (choice.preset === "24h") {
    return { from: new Date(now.getTime() - DAY_MS).toISOString(), interval: "hour", tz };
  }
  const days = choice.preset === "7d" ? 7 : choice.preset === "30d" ? 30 : 90;
  return { from: addDays(dateIn(now, tz), -(days - 1)), interval: "day", tz };
}

/** The range choice a page URL holds (`range=30d`, or `range=custom&from=…&to=…`); 7 days by default. */
export function rangeFromSearch(search: URLSearchParams): RangeChoice {
  const range = search.get("range");
  if (range === "custom") {
    const from = search.get("from") ?? "";
    const to = search.get("to") ?? "";
    if (!checkCustomRange(from, to)) return { kind: "custom", from, to };
  }
  if (range && (PRESETS as readonly string[]).includes(range)) {
    return { kind: "preset", preset: range as Preset };
  }
  return { kind: "preset", preset: "7d" };
}

/** Writes a range choice into page search parameters (others kept). */
export function rangeToSearch(choice: RangeChoice, search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete("from");
  next.delete("to");
  if (choice.kind === "custom") {
    next.set("range", "custom");
    next.set("from", choice.from);
    next.set("to", choice.to);
  } else {
    next.set("range", choice.preset);
  }
  return next;
}
