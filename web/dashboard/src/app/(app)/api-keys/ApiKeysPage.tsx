"use client";

import type { ApiKey, Scope } from "@smo1/api-types";
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { CopyButton } from "@/components/CopyButton";
import { ConfirmDialog, Dialog } from "@/components/Dialog";
import { FormError, TextField } from "@/components/Field";
import { Card, EmptyState, ErrorState, Loading, PageHeader } from "@/components/States";
import { useFormErrors } from "@/components/useForm";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { formatDate, formatDateTime } from "@/lib/format";
import { keys } from "@/lib/queries";
import { validateApiKey } from "@/lib/validation";

const SCOPES: { scope: Scope; description: string }[] = [
  { scope: "links:read" as Scope, description: "list and read links" },
  { scope: "links:write" as Scope, description: "create, change, disable and delete links" },
  { scope: "analytics:read" as Scope, description: "read click analytics" },
  { scope: "workspace:read" as Scope, description: "read the workspace and its members" },
  { scope: "workspace:admin" as Scope, description: "manage members, invitations, keys; read the audit log" },
];

export function ApiKeysPage() {
  const { slug, can } = useCurrent();
  const workspace = slug ?? "";
  const list = useQuery({
    queryKey: keys.apiKeys(workspace),
    queryFn: () => unwrap(api.GET("/api/v1/workspaces/{slug}/api-keys", { params: { path: { slug: workspace } } })),
    enabled: can.admin,
  });

  if (!can.admin) {
    return (
      <>
        <PageHeader title="API keys" />
        <p>Only owners and admins of this workspace manage its API keys.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="API keys" description="Keys let programs call the API for this workspace, with only the scopes you give them." />
      <CreateKey workspace={workspace} />
      <section aria-labelledby="keys-heading" className="mt-8">
        <h2 id="keys-heading" className="mb-3 text-lg font-semibold">
          Keys of this workspace
        </h2>
        {list.isPending ? (
          <Loading label="Loading keys…" />
        ) : list.isError ? (
          <ErrorState title="Could not load the keys" error={list.error} onRetry={() => list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title="No API keys yet">Create one above for a script or an integration.</EmptyState>
        ) : (
          <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
            {list.data.items.map((key) => (
              <KeyRow key={key.id} apiKey={key} workspace={workspace} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function CreateKey({ workspace }: { workspace: string }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [expires, setExpires] = useState("");
  const [created, setCreated] = useState<ApiKey | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, ["name", "scopes", "expiresAt"]);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/workspaces/{slug}/api-keys", {
          params: { path: { slug: workspace } },
          body: { name: name.trim(), scopes, ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}) },
        }),
      ),
    onSuccess: (key) => {
      setCreated(key);
      setName("");
      setScopes([]);
      setExpires("");
      void queryClient.invalidateQueries({ queryKey: keys.apiKeys(workspace) });
    },
    onError: (error) => form.fail(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (form.check(validateApiKey({ name, scopes, expires }, new Date()))) create.mutate();
  }

  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">Create an API key</h2>
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
        <FormError message={form.formError} />
        <TextField label="Key name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} hint="What uses it, e.g. “CI” or “Zapier”." required maxLength={100} />
        <fieldset aria-describedby={form.errors.scopes ? "scopes-error" : undefined}>
          <legend className="mb-2 text-sm font-medium">Scopes</legend>
          <div className="space-y-2">
            {SCOPES.map(({ scope, description }) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  className="mt-0.5 size-5 shrink-0 accent-[var(--accent)]"
                  checked={scopes.includes(scope)}
                  aria-invalid={form.errors.scopes ? true : undefined}
                  onChange={(e) => setScopes((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope)))}
                />
                <span>
                  <span className="font-mono font-medium">{scope}</span> — {description}
                </span>
              </label>
            ))}
          </div>
          {form.errors.scopes ? (
            <p id="scopes-error" className="mt-1 text-sm font-medium text-danger">
              {form.errors.scopes}
            </p>
          ) : null}
        </fieldset>
        <TextField label="Expires on (optional)" name="expiresAt" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} error={form.errors.expiresAt} hint="At the end of that day; at most ten years. Empty: never expires." />
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create key
        </Button>
      </form>
      <Dialog open={created !== null} title="Copy your new API key" onClose={() => setCreated(null)}>
        {created ? (
          <div className="space-y-4">
            <p className="text-sm">
              This is the only time the key <strong>{created.name}</strong> is shown. Store it somewhere safe now.
            </p>
            <TextField label="API key" value={created.key ?? ""} readOnly className="font-mono" onFocus={(e) => e.target.select()} />
            <div className="flex flex-wrap items-center justify-between gap-2">
              <CopyButton value={created.key ?? ""} label="Copy key" />
              <Button variant="primary" onClick={() => setCreated(null)}>
                Done
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </Card>
  );
}

function KeyRow({ apiKey, workspace }: { apiKey: Omit<ApiKey, "key">; workspace: string }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/workspaces/{slug}/api-keys/{keyId}", { params: { path: { slug: workspace, keyId: apiKey.id } } })),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: keys.apiKeys(workspace) });
    },
  });
  return (
    <li className="grid gap-2 p-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center">
      <div className="min-w-0 space-y-1">
        <p className="font-semibold break-words">{apiKey.name}</p>
        <p className="font-mono text-sm">{apiKey.prefix}…</p>
        <p className="text-sm">
          <span className="sr-only">Scopes: </span>
          {apiKey.scopes.join(", ")}
        </p>
        <p className="text-sm text-muted">
          Created {formatDate(apiKey.createdAt)} · Last used {apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : "never"} ·{" "}
          {apiKey.expiresAt ? `Expires ${formatDate(apiKey.expiresAt)}` : "Never expires"}
        </p>
      </div>
      <Button variant="danger" className="justify-self-start" onClick={() => setConfirming(true)} aria-label={`Revoke key ${apiKey.name}`}>
        Revoke
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Revoke the key “${apiKey.name}”?`}
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        error={revoke.error?.message}
        onConfirm={() => revoke.mutate()}
        onClose={() => {
          setConfirming(false);
          revoke.reset();
        }}
      >
        Every program using {apiKey.prefix}… is refused within a second. This cannot be undone.
      </ConfirmDialog>
    </li>
  );
}
