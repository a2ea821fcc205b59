// The links page's bulk actions, computed apart from React so they can be tested alone: what to
// send to /api/v1/links/bulk, and what to say of its per-link results.
import type { BulkResult, Link } from "@smo1/api-types";

export type BulkAction = "enable" | "disable" | "tag" | "delete";

/** The body of a PATCH that puts every selected link in a status. */
export function statusBody(codes: readonly string[], domain: string, status: "active" | "disabled") {
  return { codes: [...codes], ...(domain ? { domain } : {}), status };
}

/**
 * The body of a PATCH that adds `tag` to every selected link that lacks it (each keeps its own
 * tags: a PATCH replaces the list); null when every one has it already.
 */
export function tagBody(links: readonly Link[], domain: string, tag: string) {
  const wanted = tag.trim();
  const items = links
    .filter((link) => !link.tags.includes(wanted))
    .map((link) => ({ code: link.code, ...(domain ? { domain } : {}), change: { tags: [...link.tags, wanted] } }));
  return items.length === 0 ? null : { items };
}

/** The body of a DELETE of every selected link. */
export function deleteBody(codes: readonly string[], domain: string) {
  return { codes: [...codes], ...(domain ? { domain } : {}) };
}

export type BulkOutcome = { done: number; failed: { code: string; message: string }[] };

/** The results, matched to the codes they answer (the API keeps the request's order). */
export function outcome(codes: readonly string[], results: readonly BulkResult[]): BulkOutcome {
  const failed: BulkOutcome["failed"] = [];
  let done = 0;
  results.forEach((result, index) => {
    if (result.ok) done += 1;
    else failed.push({ code: codes[index] ?? "?", message: result.error?.message ?? "refused" });
  });
  return { done, failed };
}

const PAST: Record<BulkAction, string> = { enable: "enabled", disable: "disabled", tag: "tagged", delete: "deleted" };

/** "3 links disabled." / "2 links tagged; 1 not: abc (no such link)." */
export function outcomeText(action: BulkAction, result: BulkOutcome): string {
  const links = (count: number) => `${count} link${count === 1 ? "" : "s"}`;
  const head = `${links(result.done)} ${PAST[action]}`;
  if (result.failed.length === 0) return `${head}.`;
  const reasons = result.failed.map((failure) => `${failure.code} (${failure.message})`).join(", ");
  return `${head}; ${result.failed.length} not: ${reasons}.`;
}
