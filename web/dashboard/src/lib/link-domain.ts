// A link is named by its code on its domain: the default domain's when no custom domain is named
// (decision 0028). The pages carry the custom domain in `?domain=`, and pass it to every call about
// the link; absent means the default domain, so a default-domain link's URLs stay as they were.
import type { Domain } from "@smo1/api-types";
import { STATUS_LABELS } from "./domains";
import { ApiRequestError } from "./errors";
import { href } from "./navigation";

/** The custom domain a page's `?domain=` names, or null for the default domain. */
export function domainFrom(search: { get(name: string): string | null }): string | null {
  return search.get("domain")?.trim() || null;
}

/** The API's query about a link or a list: the workspace, and the domain only when it is custom. */
export function linkQuery(workspace: string, domain: string | null | undefined): { workspace: string; domain?: string } {
  return domain ? { workspace, domain } : { workspace };
}

/**
 * A page of one link (`/links/view/`, `/links/edit/`): its code, its domain when custom, and
 * `extra` parameters.
 */
export function linkHref(
  path: string,
  workspace: string | null | undefined,
  code: string,
  domain: string | null | undefined,
  extra: Record<string, string | number | undefined | null> = {},
): string {
  return href(path, workspace, { code, domain: domain || undefined, ...extra });
}

/**
 * The choices of a domain select over a workspace's links: the default domain first (value ""),
 * then every custom domain by name (one not verified may still hold links, which can be read,
 * disabled and deleted), and `current` even when the workspace has it no more, so the select
 * shows what the page shows.
 */
export function domainChoices(domains: readonly Domain[], current: string | null): { value: string; label: string }[] {
  const names = new Map(domains.map((domain) => [domain.domain, domain.status === "verified" ? domain.domain : `${domain.domain} (${STATUS_LABELS[domain.status].toLowerCase()})`]));
  if (current && !names.has(current)) names.set(current, `${current} (removed)`);
  return [
    { value: "", label: "Default domain" },
    ...[...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, label]) => ({ value, label })),
  ];
}

/**
 * The API's refusal to change or enable a link whose custom domain is no verified domain of the
 * workspace any more, said plainly and for the whole form (it names `domain`, which an existing
 * link's form does not show); any other error as it is.
 */
export function withDomainExplained(error: unknown, domain: string): unknown {
  if (!(error instanceof ApiRequestError) || error.code !== "invalid_domain") return error;
  return new ApiRequestError(error.status, {
    code: error.code,
    message: `${domain} is no longer a verified domain of this workspace, so this link cannot be changed or enabled. Verify the domain again on the Domains page; until then the link can still be read, disabled or deleted.`,
    field: null,
  });
}
