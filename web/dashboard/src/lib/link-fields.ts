// Checks and conversions of single values that several parts of the link form share (the link's
// target, a rule's or a variant's; the expiry, a rule's time window, the A/B test's end).

export function checkTarget(target: string): string | undefined {
  const value = target.trim();
  if (!value) return "Enter the URL the link leads to.";
  if (value.length > 2048) return "Use a URL of at most 2,048 characters.";
  if (/\s/.test(value)) return "A URL cannot contain spaces.";
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) return "A % must start an escape such as %20; write %25 for % itself.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL starting with https:// or http://.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return "Use an http or https URL.";
  }
  if (url.username || url.password) return "A URL cannot contain a user name or password.";
  if (!url.hostname) return "Enter a URL with a host name.";
  return undefined;
}

/** A `datetime-local` value (browser time) as an RFC 3339 instant. */
export function localToInstant(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An RFC 3339 instant as a `datetime-local` value in the browser's time zone (to the minute). */
export function instantToLocal(instant: string | null | undefined): string {
  if (!instant) return "";
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
