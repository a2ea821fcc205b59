"use client";

import type { Link as ShortLink } from "@smo1/api-types";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AnalyticsPanel } from "@/components/analytics/AnalyticsPanel";
import { Button, buttonClass } from "@/components/Button";
import { CopyButton } from "@/components/CopyButton";
import { ConfirmDialog } from "@/components/Dialog";
import { ErrorState, Loading, Notice, PageHeader } from "@/components/States";
import { StatusBadge } from "@/components/StatusBadge";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { isApiError, unwrap } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { domainFrom, linkHref, linkQuery, withDomainExplained } from "@/lib/link-domain";
import { href } from "@/lib/navigation";
import { keys } from "@/lib/queries";
import { useLink } from "../useLink";
import { LiveClicksPanel } from "./LiveClicksPanel";
import { QrCodePanel } from "./QrCodePanel";
import { AbTestSummary, RulesSummary } from "./RoutingSummary";

type Action = "disable" | "enable" | "delete";

export function LinkPage() {
  const { slug, can } = useCurrent();
  const workspace = slug ?? "";
  const search = useSearchParams();
  const code = search.get("code") ?? "";
  const domain = domainFrom(search);
  const link = useLink(workspace, code, domain);

  if (!code) return <ErrorState title="No link given" error={new Error("This page needs a link code (?code=…).")} />;
  if (link.isPending) return <Loading label="Loading the link…" />;
  if (link.isError) {
    return isApiError(link.error, "not_found") ? (
      <>
        <PageHeader title="Link not found" />
        <p>
          There is no link <code>{code}</code>
          {domain ? (
            <>
              {" "}on <code>{domain}</code>
            </>
          ) : null}{" "}
          in this workspace, or it was deleted.{" "}
          <Link href={href("/links/", workspace, { domain })}>Back to the links</Link>
        </p>
      </>
    ) : (
      <ErrorState title="Could not load the link" error={link.error} onRetry={() => link.refetch()} />
    );
  }
  return (
    <>
      {search.get("created") === "1" ? <Notice tone="success">Link created.</Notice> : null}
      <LinkDetails link={link.data} workspace={workspace} domain={domain} canWrite={can.writeLinks} />
      <section aria-labelledby="qr-heading" className="mt-10">
        <h2 id="qr-heading" className="mb-4 text-xl font-semibold">
          QR code
        </h2>
        <QrCodePanel workspace={workspace} code={link.data.code} domain={domain} shortUrl={link.data.shortUrl} />
      </section>
      {can.readLinks ? (
        <section aria-labelledby="analytics-heading" className="mt-10">
          <h2 id="analytics-heading" className="mb-4 text-xl font-semibold">
            Analytics
          </h2>
          <AnalyticsPanel workspace={workspace} code={link.data.code} domain={domain} headingLevel={3} />
        </section>
      ) : null}
      {can.readLinks ? (
        <section aria-labelledby="live-heading" className="mt-10">
          <h2 id="live-heading" className="mb-4 text-xl font-semibold">
            Live clicks
          </h2>
          <LiveClicksPanel workspace={workspace} code={link.data.code} domain={domain} />
        </section>
      ) : null}
    </>
  );
}

/** `domain`: the custom domain the page names the link on (null: the default domain). */
function LinkDetails({ link, workspace, domain, canWrite }: { link: ShortLink; workspace: string; domain: string | null; canWrite: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const change = useMutation({
    mutationFn: async (what: Action) => {
      const params = { params: { path: { code: link.code }, query: linkQuery(workspace, domain) } };
      if (what === "delete") return unwrap(api.DELETE("/api/v1/links/{code}", params)).then(() => null);
      if (what === "disable") return unwrap(api.POST("/api/v1/links/{code}/disable", params));
      return unwrap(api.POST("/api/v1/links/{code}/enable", params)).catch((error: unknown) => {
        throw withDomainExplained(error, link.domain);
      });
    },
    onSuccess: (updated, what) => {
      void queryClient.invalidateQueries({ queryKey: keys.links(workspace) });
      setAction(null);
      if (what === "delete") {
        queryClient.removeQueries({ queryKey: keys.link(workspace, link.code, domain) });
        router.push(href("/links/", workspace, { domain }));
      } else if (updated) {
        queryClient.setQueryData(keys.link(workspace, link.code, domain), updated);
      }
    },
  });
  const close = () => {
    setAction(null);
    change.reset();
  };

  const rows: [string, React.ReactNode][] = [
    ["Short URL", <span key="s" className="flex flex-wrap items-center gap-2"><span className="font-mono break-all">{link.shortUrl}</span><CopyButton value={link.shortUrl} accessibleLabel="Copy short URL" /></span>],
    ["Domain", domain ? link.domain : `${link.domain} (default)`],
    ["Target", <a key="t" href={link.target} rel="noopener noreferrer" target="_blank" className="break-all">{link.target}</a>],
    ["Targeting rules", <RulesSummary key="r" rules={link.rules} />],
    ["A/B test", <AbTestSummary key="v" variants={link.variants} until={link.variantsUntil} />],
    ["Status", <StatusBadge key="st" status={link.status} />],
    ["Redirect type", String(link.redirectType)],
    ["Expires", link.expiresAt ? formatDateTime(link.expiresAt) : "Never"],
    ["Forwards the query string", link.forwardQuery ? "Yes" : "No"],
    ["Tags", link.tags.length > 0 ? link.tags.join(", ") : "None"],
    ["Created", formatDateTime(link.createdAt)],
    ["Updated", formatDateTime(link.updatedAt)],
  ];

  return (
    <>
      <PageHeader
        title={link.title || link.code}
        description={link.title ? `Code ${link.code}` : undefined}
        actions={
          canWrite && link.status === "blocked" ? (
            // taken down by the platform: it can be deleted, nothing else (decision 0034)
            <Button variant="danger" onClick={() => setAction("delete")}>
              Delete
            </Button>
          ) : canWrite ? (
            <>
              <Link className={buttonClass("secondary")} href={linkHref("/links/edit/", workspace, link.code, domain)}>
                Edit
              </Link>
              {link.status === "disabled" ? (
                <Button onClick={() => setAction("enable")}>Enable</Button>
              ) : (
                <Button onClick={() => setAction("disable")}>Disable</Button>
              )}
              <Button variant="danger" onClick={() => setAction("delete")}>
                Delete
              </Button>
            </>
          ) : null
        }
      />
      {link.status === "blocked" ? (
        <p role="alert" className="rounded-lg border border-danger bg-surface p-4 text-sm text-danger">
          This link was taken down by the platform for abuse: its visitors see a “disabled for abuse” page. It can be
          deleted, not enabled or changed. The workspace’s owners were emailed the reason; reply to that email if you
          believe this is a mistake.
        </p>
      ) : null}
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-border bg-surface p-4 sm:grid-cols-[max-content_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-sm font-medium text-muted">{term}</dt>
            <dd className="min-w-0">{value}</dd>
          </div>
        ))}
      </dl>
      <ConfirmDialog
        open={action === "disable"}
        title="Disable this link?"
        confirmLabel="Disable link"
        danger={false}
        pending={change.isPending}
        error={change.error?.message}
        onConfirm={() => change.mutate("disable")}
        onClose={close}
      >
        Visitors of {link.shortUrl} get “this link has been disabled” (410) until you enable it again.
      </ConfirmDialog>
      <ConfirmDialog
        open={action === "enable"}
        title="Enable this link?"
        confirmLabel="Enable link"
        danger={false}
        pending={change.isPending}
        error={change.error?.message}
        onConfirm={() => change.mutate("enable")}
        onClose={close}
      >
        {link.shortUrl} redirects to its target again.
      </ConfirmDialog>
      <ConfirmDialog
        open={action === "delete"}
        title="Delete this link?"
        confirmLabel="Delete link"
        pending={change.isPending}
        error={change.error?.message}
        onConfirm={() => change.mutate("delete")}
        onClose={close}
      >
        {link.shortUrl} stops redirecting for good, and its code is never used again. Its analytics stay available only until then.
      </ConfirmDialog>
    </>
  );
}
