"use client";

import type { AuditEntry } from "@smo1/api-types";
import { useReducer } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { EmptyState, ErrorState, Loading, PageHeader } from "@/components/States";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { currentCursor, cursorPages, firstPage, hasPrevious, pageNumber } from "@/lib/cursor-pages";
import { unwrap } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { keys } from "@/lib/queries";

const PAGE_SIZE = 50;

const ACTIONS: Record<string, string> = {
  "workspace.created": "Workspace created",
  "workspace.updated": "Workspace renamed",
  "workspace.deleted": "Workspace deleted",
  "member.invited": "Member invited",
  "member.joined": "Member joined",
  "member.role_changed": "Role changed",
  "member.removed": "Member removed",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "link.deleted": "Link deleted",
  "domain.added": "Domain added",
  "domain.verified": "Domain verified",
  "domain.updated": "Domain settings changed",
  "domain.challenge_renewed": "Domain token renewed",
  "domain.removed": "Domain removed",
  "link.blocked": "Link taken down by the platform",
  "link.unblocked": "Link restored by the platform",
};

export function AuditLogPage() {
  const { slug, can } = useCurrent();
  if (!can.admin) {
    return (
      <>
        <PageHeader title="Audit log" />
        <p>Only owners and admins of this workspace read its audit log.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what in this workspace, newest first." />
      <AuditLog key={slug} workspace={slug ?? ""} />
    </>
  );
}

function AuditLog({ workspace }: { workspace: string }) {
  const [pages, dispatch] = useReducer(cursorPages, firstPage);
  const cursor = currentCursor(pages);
  const log = useQuery({
    queryKey: keys.auditLog(workspace, cursor),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/workspaces/{slug}/audit-log", {
          params: { path: { slug: workspace }, query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  if (log.isPending) return <Loading label="Loading the audit log…" />;
  if (log.isError) return <ErrorState title="Could not load the audit log" error={log.error} onRetry={() => log.refetch()} />;
  const { items, nextCursor } = log.data;
  if (items.length === 0 && pageNumber(pages) === 1) return <EmptyState title="Nothing recorded yet" />;
  return (
    <>
      <ul className="divide-y divide-border rounded-lg border border-border bg-surface" aria-busy={log.isFetching}>
        {items.map((entry) => (
          <Entry key={entry.id} entry={entry} />
        ))}
      </ul>
      <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-2">
        <Button onClick={() => dispatch({ type: "previous" })} disabled={!hasPrevious(pages) || log.isFetching}>
          Previous page
        </Button>
        <span className="text-sm text-muted" aria-live="polite">
          Page {pageNumber(pages)}
        </span>
        <Button onClick={() => nextCursor && dispatch({ type: "next", cursor: nextCursor })} disabled={!nextCursor || log.isFetching}>
          Next page
        </Button>
      </nav>
    </>
  );
}

function Entry({ entry }: { entry: AuditEntry }) {
  const details = entry.details && typeof entry.details === "object" ? Object.entries(entry.details as Record<string, unknown>) : [];
  return (
    <li className="grid gap-1 p-4 sm:grid-cols-[12rem_minmax(0,1fr)]">
      <p className="text-sm text-muted">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </p>
      <div className="min-w-0 space-y-1">
        <p className="font-semibold">
          {ACTIONS[entry.action] ?? entry.action}
          {entry.target ? <span className="ml-2 font-mono text-sm font-normal break-all">{entry.target}</span> : null}
        </p>
        <p className="text-sm break-all text-muted">
          By {entry.actorKind}
          {entry.actorId ? ` ${entry.actorId}` : ""}
          {entry.ipPrefix ? ` from ${entry.ipPrefix}` : ""}
        </p>
        {details.length > 0 ? (
          <p className="text-sm break-all">
            {details.map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`).join(" · ")}
          </p>
        ) : null}
      </div>
    </li>
  );
}
