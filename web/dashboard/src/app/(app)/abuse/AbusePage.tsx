"use client";

import type { AbuseReport } from "@smo1/api-types";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { ConfirmDialog } from "@/components/Dialog";
import { TextField } from "@/components/Field";
import { EmptyState, ErrorState, Loading, PageHeader } from "@/components/States";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useMe } from "@/lib/queries";

const QUEUE = ["abuse-reports", "open"] as const;

const REASONS: Record<AbuseReport["reason"], string> = {
  phishing: "Phishing",
  malware: "Malware",
  spam: "Spam",
  illegal: "Illegal content",
  other: "Other",
};

/** Platform admins only: the open abuse reports, oldest first, each taken down or dismissed. */
export function AbusePage() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState title="Could not load your account" error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data.platformAdmin) {
    return (
      <>
        <PageHeader title="Abuse reports" />
        <p>Only platform admins read the abuse reports.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Abuse reports"
        description="Open reports of short links, oldest first. A takedown answers 451 everywhere, at the edge too, and emails the link's workspace owners."
      />
      <Queue />
    </>
  );
}

function Queue() {
  const queue = useQuery({
    queryKey: QUEUE,
    queryFn: () => unwrap(api.GET("/api/v1/admin/abuse-reports", { params: { query: { status: "open", limit: 100 } } })),
  });
  if (queue.isPending) return <Loading label="Loading the reports…" />;
  if (queue.isError) return <ErrorState title="Could not load the reports" error={queue.error} onRetry={() => queue.refetch()} />;
  if (queue.data.items.length === 0) return <EmptyState title="No open reports" />;
  return (
    <ul className="divide-y divide-border rounded-lg border border-border bg-surface" aria-label="Open reports">
      {queue.data.items.map((report) => (
        <Report key={report.id} report={report} />
      ))}
    </ul>
  );
}

function Report({ report }: { report: AbuseReport }) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"takedown" | "dismiss" | null>(null);
  const [reason, setReason] = useState(`${REASONS[report.reason]}: reported ${formatDateTime(report.receivedAt)}`);
  const act = useMutation({
    mutationFn: async (what: "takedown" | "dismiss") =>
      what === "takedown"
        ? unwrap(
            api.POST("/api/v1/admin/links/{domain}/{code}/takedown", {
              params: { path: { domain: report.domain, code: report.code } },
              body: { reason, reportId: report.id },
            }),
          )
        : unwrap(api.POST("/api/v1/admin/abuse-reports/{reportId}/dismiss", { params: { path: { reportId: report.id } } })),
    onSuccess: () => {
      setDialog(null);
      void queryClient.invalidateQueries({ queryKey: QUEUE });
    },
  });
  const close = () => {
    setDialog(null);
    act.reset();
  };
  const shortLink = `${report.domain}/${report.code}`;
  return (
    <li className="flex flex-wrap items-start justify-between gap-4 p-4">
      <div className="min-w-0 space-y-1">
        <p className="font-semibold">
          <code>{shortLink}</code> · {REASONS[report.reason]}
        </p>
        {report.details ? <p className="break-words text-sm">{report.details}</p> : null}
        <p className="text-sm text-muted">
          Received {formatDateTime(report.receivedAt)}
          {report.contact ? ` · contact: ${report.contact}` : ""}
        </p>
      </div>
      <div className="flex gap-2">
        <Button variant="danger" onClick={() => setDialog("takedown")} aria-label={`Take down ${shortLink}`}>
          Take down
        </Button>
        <Button onClick={() => setDialog("dismiss")} aria-label={`Dismiss the report of ${shortLink}`}>
          Dismiss
        </Button>
      </div>
      <ConfirmDialog
        open={dialog === "takedown"}
        title={`Take down ${shortLink}?`}
        confirmLabel="Take down"
        onConfirm={() => act.mutate("takedown")}
        onClose={close}
        pending={act.isPending}
        error={act.error?.message}
      >
        <p className="mb-3">
          Its visitors get the “disabled for abuse” page everywhere; its owners are emailed the reason and cannot enable it again.
        </p>
        <TextField label="Reason (the owners read it)" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} required />
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "dismiss"}
        title={`Dismiss the report of ${shortLink}?`}
        confirmLabel="Dismiss"
        danger={false}
        onConfirm={() => act.mutate("dismiss")}
        onClose={close}
        pending={act.isPending}
        error={act.error?.message}
      >
        <p>The link stays as it is; the report is kept as dismissed.</p>
      </ConfirmDialog>
    </li>
  );
}
