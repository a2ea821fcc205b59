"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { ConfirmDialog } from "@/components/Dialog";
import { FormError, TextField } from "@/components/Field";
import { Card, ErrorState, Loading, Notice, PageHeader } from "@/components/States";
import { useFormErrors } from "@/components/useForm";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { keys } from "@/lib/queries";
import { checkName } from "@/lib/validation";
import { forgetWorkspace } from "@/lib/workspace";

/** Rename (owners and admins) and delete (owners) the workspace. */
export function WorkspaceSettingsPage() {
  const { slug, can } = useCurrent();
  const workspace = slug ?? "";
  const details = useQuery({
    queryKey: keys.workspace(workspace),
    queryFn: () => unwrap(api.GET("/api/v1/workspaces/{slug}", { params: { path: { slug: workspace } } })),
  });
  if (details.isPending) return <Loading label="Loading the workspace…" />;
  if (details.isError) return <ErrorState title="Could not load the workspace" error={details.error} onRetry={() => details.refetch()} />;
  return (
    <>
      <PageHeader
        title="Workspace settings"
        description={`Slug ${details.data.slug} · created ${formatDate(details.data.createdAt)} · ${details.data.members} member${details.data.members === 1 ? "" : "s"}`}
      />
      <div className="max-w-2xl space-y-6">
        {can.admin ? <Rename workspace={workspace} name={details.data.name} /> : <p>Only owners and admins change the workspace.</p>}
        {can.owner ? <DeleteWorkspace workspace={workspace} name={details.data.name} /> : null}
      </div>
    </>
  );
}

function Rename({ workspace, name: current }: { workspace: string; name: string }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(current);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, ["name"]);
  const rename = useMutation({
    mutationFn: () => unwrap(api.PATCH("/api/v1/workspaces/{slug}", { params: { path: { slug: workspace } }, body: { name: name.trim() } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.workspace(workspace), updated);
      void queryClient.invalidateQueries({ queryKey: keys.workspaces });
      void queryClient.invalidateQueries({ queryKey: keys.me });
    },
    onError: (error) => form.fail(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = checkName(name, "workspace name");
    if (form.check(problem ? { name: problem } : {})) rename.mutate();
  }
  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">Name</h2>
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
        <FormError message={form.formError} />
        {rename.isSuccess ? <Notice tone="success">Renamed.</Notice> : null}
        <TextField label="Workspace name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} maxLength={100} required />
        <Button type="submit" variant="primary" pending={rename.isPending}>
          Rename workspace
        </Button>
      </form>
    </Card>
  );
}

function DeleteWorkspace({ workspace, name }: { workspace: string; name: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/workspaces/{slug}", { params: { path: { slug: workspace } } })),
    onSuccess: async () => {
      setConfirming(false);
      forgetWorkspace(workspace);
      queryClient.removeQueries({ queryKey: keys.workspace(workspace) });
      await queryClient.invalidateQueries({ queryKey: keys.workspaces });
      await queryClient.invalidateQueries({ queryKey: keys.me });
      router.push("/links/");
    },
  });
  return (
    <Card tone="danger">
      <h2 className="mb-2 text-lg font-semibold">Delete workspace</h2>
      <p className="mb-3 text-sm">
        Only a workspace without links can be deleted: delete its links first. Its API keys stop working at once, and its slug is never used again.
      </p>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Delete workspace
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Delete “${name}”?`}
        confirmLabel="Delete workspace"
        pending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setConfirming(false);
          remove.reset();
        }}
      >
        This cannot be undone.
      </ConfirmDialog>
    </Card>
  );
}
