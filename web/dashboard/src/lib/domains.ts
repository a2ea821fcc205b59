// Custom domains (the API's `domains` tag): the name check the API makes, the records a member
// copies to their DNS host, the settings form's body, and the domains a new link may go on.
import type { Domain, DomainRecord, DomainSettings, DomainStatus } from "@smo1/api-types";
import { checkTarget } from "./link-fields";
import type { Errors } from "./validation";

export const STATUS_LABELS: Record<DomainStatus, string> = {
  pending: "Pending",
  verified: "Verified",
  failing: "Failing",
};

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const NOT_PUBLIC = new Set(["localhost", "local", "internal", "arpa", "invalid"]);

/**
 * The name as the API stores it (lower case, an internationalised name as its `xn--` form, no
 * trailing dot), or a message saying what is wrong, as `DomainNames.normalise` decides; SMO1's own
 * domains are left for the API to refuse.
 */
export function checkDomain(input: string): { domain: string } | { error: string } {
  let name = input.trim();
  if (name.endsWith(".")) name = name.slice(0, -1);
  if (!name) return { error: "Enter a domain name, such as go.example.com." };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name) || /[/?#@:\s]/.test(name)) {
    return { error: "Enter the host name only, such as go.example.com: no https://, path or port." };
  }
  let ascii: string;
  try {
    // the URL parser applies IDNA: "bücher.example" → "xn--bcher-kva.example"
    ascii = new URL(`http://${name}/`).hostname;
  } catch {
    return { error: "Enter a valid domain name, such as go.example.com." };
  }
  if (ascii.length > 253) return { error: "Use a domain name of at most 253 characters." };
  const labels = ascii.split(".");
  if (labels.length < 2) return { error: "Enter a full domain name with a dot, such as go.example.com." };
  if (!labels.every((label) => LABEL.test(label))) {
    return { error: "Use letters, digits and inner hyphens between the dots, at most 63 characters each." };
  }
  const top = labels[labels.length - 1]!;
  if (/^[0-9]+$/.test(top)) return { error: "Enter a domain name, not an IP address." };
  if (NOT_PUBLIC.has(top)) return { error: `Names under .${top} are not public: use a domain on the internet.` };
  return { domain: ascii };
}

/**
 * The records to show, the TXT record's token filled in from `token` (the API gives it only in the
 * answer that made it; the page keeps it from there), each with a label telling it apart from the
 * others ("TXT record", "CNAME record"; "A record 1", "A record 2" when a type repeats).
 */
export function shownRecords(
  records: readonly DomainRecord[],
  token: string | undefined,
): (DomainRecord & { label: string })[] {
  const counts = new Map<string, number>();
  for (const record of records) counts.set(record.type, (counts.get(record.type) ?? 0) + 1);
  const seen = new Map<string, number>();
  return records.map((record) => {
    const n = (seen.get(record.type) ?? 0) + 1;
    seen.set(record.type, n);
    const label = (counts.get(record.type) ?? 0) > 1 ? `${record.type} record ${n}` : `${record.type} record`;
    const value = record.type === "TXT" && record.value === null && token !== undefined ? token : record.value;
    return { ...record, value, label };
  });
}

/** The settings form's values: each URL as typed, empty for none. */
export interface DomainSettingsValues {
  rootUrl: string;
  notFoundUrl: string;
  expiredUrl: string;
}

export const SETTINGS_FIELDS = ["rootUrl", "notFoundUrl", "expiredUrl"] as const;

export function settingsFormFrom(settings: DomainSettings): DomainSettingsValues {
  return {
    rootUrl: settings.rootUrl ?? "",
    notFoundUrl: settings.notFoundUrl ?? "",
    expiredUrl: settings.expiredUrl ?? "",
  };
}

/** What the API would refuse of the URLs (it also refuses URLs on SMO1's domains or this one). */
export function validateDomainSettings(values: DomainSettingsValues): Errors {
  const errors: Errors = {};
  for (const field of SETTINGS_FIELDS) {
    if (!values[field].trim()) continue;
    const problem = checkTarget(values[field]);
    if (problem) errors[field] = problem;
  }
  return errors;
}

/**
 * The PATCH body: only the URLs that changed, an emptied one `null` (the API clears it, and keeps
 * a field left out). Empty when nothing changed.
 */
export function settingsBody(current: DomainSettings, values: DomainSettingsValues): DomainSettings {
  const body: DomainSettings = {};
  for (const field of SETTINGS_FIELDS) {
    const value = values[field].trim() || null;
    if (value !== (current[field] ?? null)) body[field] = value;
  }
  return body;
}

/**
 * The custom domains a new link may go on: those that hold links (verified, or failing while it is
 * fixed; a pending one holds none), by name.
 */
export function linkDomains(domains: readonly Domain[]): Domain[] {
  return domains
    .filter((domain) => domain.status === "verified" || domain.status === "failing")
    .sort(byName);
}

/** The list with `changed` in it (replacing the domain of the same name), by name as the API lists. */
export function withDomain(domains: readonly Domain[], changed: Domain): Domain[] {
  return [...domains.filter((domain) => domain.domain !== changed.domain), changed].sort(byName);
}

function byName(a: Domain, b: Domain): number {
  return a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0;
}
