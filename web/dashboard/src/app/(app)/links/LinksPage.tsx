"use client";

import type { BulkResult, Link as ShortLink, LinkStatus } from "@smo1/api-types";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useReducer, useRef, useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "@/components/Dialog";
import { Button, buttonClass } from "@/components/Button";
import { CopyButton } from "@/components/CopyButton";
import { SelectField, TextField } from "@/components/Field";
import { EmptyState, ErrorState, Loading, PageHeader } from "@/components/States";
import { StatusBadge } from "@/components/StatusBadge";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { currentCursor, cursorPages, firstPage, hasPrevious, pageNumber } from "@/lib/cursor-pages";
import { unwrap } from "@/lib/errors";
import { deleteBody, outcome, outcomeText, statusBody, tagBody, type BulkAction } from "@/lib/bulk";
import { linksExportUrl } from "@/lib/exports";
import { formatDate } from "@/lib/format";
import { domainChoices, linkHref, linkQuery } from "@/lib/link-domain";
import { href } from "@/lib/navigation";
import { keys, useDomains } from "@/lib/queries";

const PAGE_SIZE = 20;
const STATUSES: { value: "" | LinkStatus; label: string }[] = [
  { value: "", label: "All but deleted" },
  { value: "active", label: "Active" },
  { value: "disabled", label: "Disabled" },
  { value: "expired", label: "Expired" },
  { value: "exhausted", label: "Used up" },
  { value: "deleted", label: "Deleted" },
  { value: "blocked", label: "Taken down" },
];

type Filters = { q: string; tag: string; status: "" | LinkStatus; domain: string };

export function LinksPage() {
  const { slug, can } = useCurrent();
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters: Filters = {
    q: search.get("q") ?? "",
    tag: search.get("tag") ?? "",
    status: (search.get("status") ?? "") as "" | LinkStatus,
    // the API lists one domain's links at a time: "" is the default domain's
    domain: search.get("domain")?.trim() ?? "",
  };
  const filtered = Boolean(filters.q || filters.tag || filters.status || filters.domain);
  const formRef = useRef<HTMLFormElement>(null);
  const domains = useDomains(slug ?? "");
  // the choice is offered once the workspace has a custom domain (or the URL names one)
  const choices = domainChoices(domains.data?.items ?? [], filters.domain || null);
  const choosingDomain = choices.length > 1;
  const filterKey = `${filters.q}|${filters.tag}|${filters.status}|${filters.domain}`;

  function applyFilters(next: Partial<Filters>) {
    const merged = { ...filters, ...next };
    router.push(href(pathname, slug, { q: merged.q.trim(), tag: merged.tag.trim(), status: merged.status, domain: merged.domain }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    applyFilters({
      q: String(data.get("q") ?? ""),
      tag: String(data.get("tag") ?? ""),
      status: String(data.get("status") ?? "") as "" | LinkStatus,
      domain: String(data.get("domain") ?? ""),
    });
  }

  return (
    <>
      <PageHeader
        title="Links"
        description="Newest first. A link just created or changed shows here within a second."
        actions={
          <div className="flex flex-wrap gap-2">
            {/* a download of the API's streamed export, with the list's filters */}
            <a className={buttonClass("secondary")} href={linksExportUrl(slug ?? "", filters)} download>
              Export CSV
            </a>
            {can.writeLinks ? (
              <Link className={buttonClass("primary")} href={href("/links/new/", slug)}>
                Create link
              </Link>
            ) : null}
          </div>
        }
      />
      <div className="mb-4">
        <form
          role="search"
          ref={formRef}
          key={filterKey}
          onSubmit={submit}
          className={`grid grid-cols-1 gap-3 sm:items-end ${choosingDomain ? "sm:grid-cols-[2fr_1fr_1fr_1fr_auto]" : "sm:grid-cols-[2fr_1fr_1fr_auto]"}`}
          aria-label="Filter links"
        >
          <TextField label="Search" name="q" type="search" defaultValue={filters.q} placeholder="Code, target or title" />
          <TextField label="Tag" name="tag" defaultValue={filters.tag} />
          <SelectField label="Status" name="status" defaultValue={filters.status} onChange={() => formRef.current?.requestSubmit()}>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </SelectField>
          {choosingDomain ? (
            <SelectField label="Domain" name="domain" defaultValue={filters.domain} onChange={() => formRef.current?.requestSubmit()}>
              {choices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </SelectField>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit">Filter</Button>
            {filtered ? (
              <Link className={buttonClass("ghost")} href={href(pathname, slug)}>
                Clear
              </Link>
            ) : null}
          </div>
        </form>
      </div>
      {/* a new walk of pages whenever the workspace or a filter changes */}
      <LinkList key={`${slug}|${filterKey}`} slug={slug ?? ""} filters={filters} filtered={filtered} canWrite={can.writeLinks} onTag={(tag) => applyFilters({ tag })} />
    </>
  );
}

function LinkList({
  slug,
  filters,
  filtered,
  canWrite,
  onTag,
}: {
  slug: string;
  filters: Filters;
  filtered: boolean;
  canWrite: boolean;
  onTag: (tag: string) => void;
}) {
  const [pages, dispatch] = useReducer(cursorPages, firstPage);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: keys.linkList(slug, filters, cursor),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/links", {
          params: {
            query: {
              ...linkQuery(slug, filters.domain),
              limit: PAGE_SIZE,
              ...(cursor ? { cursor } : {}),
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.tag ? { tag: filters.tag } : {}),
              ...(filters.status ? { status: filters.status } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  // the links chosen on this page for a bulk action (a new page starts with none)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [report, setReport] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [tag, setTag] = useState("");
  const queryClient = useQueryClient();
  const bulk = useMutation({
    mutationFn: async (action: BulkAction): Promise<{ text: string; applied: Applied }> => {
      const chosen = (list.data?.items ?? []).filter((link) => selected.has(link.code));
      const codes = chosen.map((link) => link.code);
      const query = { workspace: slug };
      if (action === "delete") {
        const answer = await unwrap(api.DELETE("/api/v1/links/bulk", { params: { query }, body: deleteBody(codes, filters.domain) }));
        return { text: outcomeText(action, outcome(codes, answer.results)), applied: { deleted: codes.filter((_, i) => answer.results[i]?.ok) } };
      }
      if (action === "tag") {
        const body = tagBody(chosen, filters.domain, tag);
        if (body === null) return { text: `Every selected link has the tag ${tag.trim()} already.`, applied: {} };
        const answer = await unwrap(api.PATCH("/api/v1/links/bulk", { params: { query }, body }));
        const order = body.items.map((item) => item.code);
        return { text: outcomeText(action, outcome(order, answer.results)), applied: { changed: changedLinks(answer.results) } };
      }
      const body = statusBody(codes, filters.domain, action === "enable" ? "active" : "disabled");
      const answer = await unwrap(api.PATCH("/api/v1/links/bulk", { params: { query }, body }));
      return { text: outcomeText(action, outcome(codes, answer.results)), applied: { changed: changedLinks(answer.results) } };
    },
    onSuccess: ({ text, applied }) => {
      setReport(text);
      setSelected(new Set());
      setConfirmingDelete(false);
      setTag("");
      // the page shows the links as the API answered them at once; the list (read model) follows
      // within a second, and is read again then
      queryClient.setQueryData(keys.linkList(slug, filters, cursor), (page: typeof list.data) => (page ? applyTo(page, applied) : page));
      window.setTimeout(() => void queryClient.invalidateQueries({ queryKey: keys.links(slug) }), 1500);
    },
    onError: (error) => setReport(error instanceof Error ? error.message : "The bulk action failed."),
  });
  const turnPage = (action: { type: "previous" } | { type: "next"; cursor: string }) => {
    setSelected(new Set());
    dispatch(action);
  };
  if (list.isPending) return <Loading label="Loading links…" />;
  if (list.isError) return <ErrorState error={list.error} title="Could not load the links" onRetry={() => list.refetch()} />;

  const { items, nextCursor } = list.data;
  const reportLine = (
    <p role="status" className="mb-3 text-sm" data-testid="bulk-report">
      {report}
    </p>
  );
  if (items.length === 0 && pageNumber(pages) === 1) {
    // what a bulk action just did stays said when it emptied the list
    return filtered ? (
      <>
        {reportLine}
        <EmptyState title="No links match these filters">Change or clear the filters to see more.</EmptyState>
      </>
    ) : (
      <EmptyState title="No links yet">
        {canWrite ? (
          <Link className={buttonClass("primary", "mt-2")} href={href("/links/new/", slug)}>
            Create your first link
          </Link>
        ) : (
          "Links created in this workspace will show here."
        )}
      </EmptyState>
    );
  }

  const selectable = canWrite ? items.filter((link) => link.status !== "deleted") : [];
  const allSelected = selectable.length > 0 && selectable.every((link) => selected.has(link.code));
  const toggle = (code: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  return (
    <>
      <h2 className="sr-only">Results</h2>
      {canWrite ? (
        <div className="mb-3 flex flex-wrap items-center gap-2" role="toolbar" aria-label="Bulk actions">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={allSelected}
              disabled={selectable.length === 0}
              onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((link) => link.code)))}
            />
            Select all on this page
          </label>
          {selected.size > 0 ? (
            <>
              <span className="text-sm text-muted">{selected.size} selected</span>
              <Button onClick={() => bulk.mutate("enable")} pending={bulk.isPending && bulk.variables === "enable"}>
                Enable
              </Button>
              <Button onClick={() => bulk.mutate("disable")} pending={bulk.isPending && bulk.variables === "disable"}>
                Disable
              </Button>
              <form
                className="flex items-end gap-2"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (tag.trim()) bulk.mutate("tag");
                }}
              >
                <TextField label="Tag to add" className="w-36" value={tag} onChange={(event) => setTag(event.target.value)} maxLength={50} />
                <Button type="submit" disabled={!tag.trim()} pending={bulk.isPending && bulk.variables === "tag"}>
                  Add tag
                </Button>
              </form>
              <Button variant="danger" onClick={() => setConfirmingDelete(true)}>
                Delete
              </Button>
            </>
          ) : null}
        </div>
      ) : null}
      {reportLine}
      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete ${selected.size} link${selected.size === 1 ? "" : "s"}?`}
        confirmLabel="Delete links"
        pending={bulk.isPending}
        onConfirm={() => bulk.mutate("delete")}
        onClose={() => setConfirmingDelete(false)}
      >
        Their short URLs stop redirecting, and their codes are never given to another link.
      </ConfirmDialog>
      <ul className="divide-y divide-border rounded-lg border border-border bg-surface" aria-busy={list.isFetching}>
        {items.map((link) => (
          <LinkRow
            key={link.code}
            link={link}
            slug={slug}
            domain={filters.domain}
            onTag={onTag}
            selectable={selectable.includes(link)}
            selected={selected.has(link.code)}
            onSelect={() => toggle(link.code)}
          />
        ))}
      </ul>
      <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-2">
        <Button onClick={() => turnPage({ type: "previous" })} disabled={!hasPrevious(pages) || list.isFetching}>
          Previous page
        </Button>
        <span className="text-sm text-muted" aria-live="polite">
          Page {pageNumber(pages)}
        </span>
        <Button
          onClick={() => nextCursor && turnPage({ type: "next", cursor: nextCursor })}
          disabled={!nextCursor || list.isFetching}
        >
          Next page
        </Button>
      </nav>
    </>
  );
}

/** `domain`: the custom domain listed ("" for the default domain), which the link's page needs. */
function LinkRow({
  link,
  slug,
  domain,
  onTag,
  selectable,
  selected,
  onSelect,
}: {
  link: ShortLink;
  slug: string;
  domain: string;
  onTag: (tag: string) => void;
  selectable: boolean;
  selected: boolean;
  onSelect: () => void;
}) {
  return (
    <li className="grid gap-2 p-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          {selectable ? (
            <input type="checkbox" checked={selected} onChange={onSelect} aria-label={`Select ${link.title || link.code}`} />
          ) : null}
          {link.status === "deleted" ? (
            <span className="font-semibold break-all">{link.title || link.code}</span>
          ) : (
            <Link href={linkHref("/links/view/", slug, link.code, domain)} className="font-semibold break-all">
              {link.title || link.code}
            </Link>
          )}
          <StatusBadge status={link.status} />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm break-all">{link.shortUrl}</span>
          <CopyButton value={link.shortUrl} accessibleLabel={`Copy short URL ${link.shortUrl}`} />
        </div>
        <p className="truncate text-sm text-muted" title={link.target}>
          <span className="sr-only">Target: </span>
          {link.target}
        </p>
        {link.tags.length > 0 ? (
          <ul className="flex flex-wrap gap-1" aria-label="Tags">
            {link.tags.map((tag) => (
              <li key={tag}>
                <button
                  type="button"
                  onClick={() => onTag(tag)}
                  className="rounded-full border border-border px-2 py-0.5 text-xs hover:bg-surface-2"
                  aria-label={`Show links tagged ${tag}`}
                >
                  {tag}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <p className="text-sm text-muted sm:text-right">Created {formatDate(link.createdAt)}</p>
    </li>
  );
}

/** What a bulk action did to the page's links: the links as they are now, or the codes deleted. */
type Applied = { changed?: ShortLink[]; deleted?: string[] };

function changedLinks(results: readonly BulkResult[]): ShortLink[] {
  return results.flatMap((result) => (result.ok && result.link ? [result.link] : []));
}

function applyTo<Page extends { items: ShortLink[] }>(page: Page, applied: Applied): Page {
  const changed = new Map((applied.changed ?? []).map((link) => [link.code, link]));
  const deleted = new Set(applied.deleted ?? []);
  return {
    ...page,
    items: page.items.filter((link) => !deleted.has(link.code)).map((link) => changed.get(link.code) ?? link),
  };
}
