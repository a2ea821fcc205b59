"use client";

import type { WebhookDelivery, WebhookEndpoint, WebhookEventType } from "@smo1/api-types";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { CheckboxGroup, FormError, TextField } from "@/components/Field";
import { Card, EmptyState, ErrorState, Loading, PageHeader } from "@/components/States";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { isApiError, unwrap } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";

const EVENTS: Record<WebhookEventType, string> = {
  "link.created": "Link created",
  "link.updated": "Link changed",
  "link.deleted": "Link deleted",
};

const webhooksKey = (slug: string) => ["workspace", slug, "webhooks"] as const;
const deliveriesKey = (slug: string, id: string) => ["workspace", slug, "webhooks", id, "deliveries"] as const;

/** The workspace's webhook endpoints, each with its delivery log (owners and admins). */
export function WebhooksPage() {
  const { slug, can } = useCurrent();
  const workspace = slug ?? "";
  if (!can.admin) {
    return (
      <>
        <PageHeader title="Webhooks" />
        <p>Only owners and admins of this workspace manage its webhooks.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Link events sent to your HTTPS endpoints as they happen, signed in the Standard Webhooks format and retried for 24 hours."
      />
      <AddEndpoint workspace={workspace} />
      <Endpoints workspace={workspace} />
    </>
  );
}

function AddEndpoint({ workspace }: { workspace: string }) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>(["link.created", "link.updated", "link.deleted"]);
  const [secret, setSecret] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/workspaces/{slug}/webhooks", { params: { path: { slug: workspace } }, body: { url, events } })),
    onSuccess: (created) => {
      setSecret(created.secret ?? null);
      setUrl("");
      void queryClient.invalidateQueries({ queryKey: webhooksKey(workspace) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const error = add.error;
  const fieldError = (field: string) => (isApiError(error) && error.field === field ? error.message : undefined);
  return (
    <Card>
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Add an endpoint">
        <TextField label="Endpoint URL" type="url" value={url} onChange={(e) => setUrl(e.target.value)} required error={fieldError("url")} />
        <CheckboxGroup legend="Events" name="events" options={EVENTS} values={events} onChange={setEvents} error={fieldError("events")} />
        <FormError message={error && !fieldError("url") && !fieldError("events") ? error.message : undefined} />
        <Button type="submit" variant="primary" disabled={add.isPending}>
          Add endpoint
        </Button>
      </form>
      {secret ? (
        <div role="status" className="mt-4 rounded border border-border p-3 text-sm">
          <p className="font-semibold">Signing secret (shown once: keep it with your receiver)</p>
          <code className="break-all" data-testid="webhook-secret">
            {secret}
          </code>
        </div>
      ) : null}
    </Card>
  );
}

function Endpoints({ workspace }: { workspace: string }) {
  const list = useQuery({
    queryKey: webhooksKey(workspace),
    queryFn: () => unwrap(api.GET("/api/v1/workspaces/{slug}/webhooks", { params: { path: { slug: workspace } } })),
  });
  return (
    <section aria-labelledby="endpoints-heading" className="mt-8">
      <h2 id="endpoints-heading" className="mb-3 text-lg font-semibold">
        Endpoints
      </h2>
      {list.isPending ? (
        <Loading label="Loading endpoints…" />
      ) : list.isError ? (
        <ErrorState title="Could not load the endpoints" error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title="No endpoints yet" />
      ) : (
        <ul className="space-y-4">
          {list.data.items.map((endpoint) => (
            <EndpointItem key={endpoint.id} workspace={workspace} endpoint={endpoint} />
          ))}
        </ul>
      )}
    </section>
  );
}

function EndpointItem({ workspace, endpoint }: { workspace: string; endpoint: WebhookEndpoint }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const path = { slug: workspace, webhookId: endpoint.id };
  const toggle = useMutation({
    mutationFn: () => unwrap(api.PATCH("/api/v1/workspaces/{slug}/webhooks/{webhookId}", { params: { path }, body: { enabled: !endpoint.enabled } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: webhooksKey(workspace) }),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/workspaces/{slug}/webhooks/{webhookId}", { params: { path } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: webhooksKey(workspace) }),
  });
  return (
    <li className="rounded-lg border border-border bg-surface p-4" aria-label={`Endpoint ${endpoint.url}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="break-all font-semibold">{endpoint.url}</p>
          <p className="text-sm text-muted">
            {endpoint.events.map((event) => EVENTS[event]).join(", ")} · {endpoint.enabled ? "Enabled" : "Disabled"}
            {endpoint.disabledReason ? ` (${endpoint.disabledReason})` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => setOpen((shown) => !shown)} aria-expanded={open}>
            {open ? "Hide delivery log" : "Delivery log"}
          </Button>
          <Button onClick={() => toggle.mutate()} disabled={toggle.isPending}>
            {endpoint.enabled ? "Disable" : "Enable"}
          </Button>
          <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending} aria-label={`Remove ${endpoint.url}`}>
            Remove
          </Button>
        </div>
      </div>
      {open ? <DeliveryLog workspace={workspace} endpointId={endpoint.id} /> : null}
    </li>
  );
}

function DeliveryLog({ workspace, endpointId }: { workspace: string; endpointId: string }) {
  const queryClient = useQueryClient();
  const log = useQuery({
    queryKey: deliveriesKey(workspace, endpointId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/workspaces/{slug}/webhooks/{webhookId}/deliveries", {
          params: { path: { slug: workspace, webhookId: endpointId }, query: { limit: 50 } },
        }),
      ),
    // pending messages are retried on their own: the log follows them
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === "pending") ? 2000 : false),
  });
  const again = useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST("/api/v1/workspaces/{slug}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", {
          params: { path: { slug: workspace, webhookId: endpointId, deliveryId } },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: deliveriesKey(workspace, endpointId) }),
  });
  if (log.isPending) return <Loading label="Loading the delivery log…" />;
  if (log.isError) return <ErrorState title="Could not load the delivery log" error={log.error} onRetry={() => log.refetch()} />;
  if (log.data.items.length === 0) return <p className="mt-3 text-sm text-muted">Nothing sent yet.</p>;
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Delivery log">
        <thead>
          <tr className="border-b border-border">
            <th scope="col" className="py-2 pr-4">
              Event
            </th>
            <th scope="col" className="py-2 pr-4">
              Status
            </th>
            <th scope="col" className="py-2 pr-4">
              Attempts
            </th>
            <th scope="col" className="py-2 pr-4">
              Last answer
            </th>
            <th scope="col" className="py-2 pr-4">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {log.data.items.map((delivery) => (
            <DeliveryRow key={delivery.id} delivery={delivery} onAgain={() => again.mutate(delivery.id)} pending={again.isPending} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeliveryRow({ delivery, onAgain, pending }: { delivery: WebhookDelivery; onAgain: () => void; pending: boolean }) {
  const last = delivery.log[0];
  const answer = last
    ? `${last.statusCode ?? "no answer"} in ${last.latencyMs} ms${last.error ? `: ${last.error}` : last.responseExcerpt ? `: ${last.responseExcerpt}` : ""}`
    : "not tried yet";
  return (
    <tr className="border-b border-border align-top" data-testid="webhook-delivery">
      <td className="py-2 pr-4">
        {EVENTS[delivery.eventType]}
        <br />
        <span className="text-muted">{formatDateTime(delivery.createdAt)}</span>
      </td>
      <td className="py-2 pr-4">{delivery.status === "delivered" ? "Delivered" : delivery.status === "failed" ? "Failed" : "Retrying"}</td>
      <td className="py-2 pr-4">{delivery.attempts}</td>
      <td className="break-all py-2 pr-4">{answer}</td>
      <td className="py-2 pr-4">
        <Button onClick={onAgain} disabled={pending}>
          Send again
        </Button>
      </td>
    </tr>
  );
}
