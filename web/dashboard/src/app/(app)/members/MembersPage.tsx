"use client";

import type { Member, Role } from "@smo1/api-types";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { ConfirmDialog } from "@/components/Dialog";
import { FormError, SelectField, TextField } from "@/components/Field";
import { Card, EmptyState, ErrorState, Loading, Notice, PageHeader } from "@/components/States";
import { useFormErrors } from "@/components/useForm";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { keys } from "@/lib/queries";
import { checkEmail } from "@/lib/validation";
import { ROLES, ROLE_LABELS, forgetWorkspace } from "@/lib/workspace";

export function MembersPage() {
  const { slug, workspace: summary, can, me } = useCurrent();
  const workspace = slug ?? "";
  const members = useQuery({
    queryKey: keys.members(workspace),
    queryFn: () => unwrap(api.GET("/api/v1/workspaces/{slug}/members", { params: { path: { slug: workspace } } })),
  });
  const details = useQuery({
    queryKey: keys.workspace(workspace),
    queryFn: () => unwrap(api.GET("/api/v1/workspaces/{slug}", { params: { path: { slug: workspace } } })),
  });
  // owners grant and take the owner role; admins manage the other roles
  const assignable = ROLES.filter((role) => can.owner || role !== "owner");

  return (
    <>
      <PageHeader title="Members" description={`People in ${summary?.name ?? workspace} and their roles.`} />
      {can.admin ? <Invite workspace={workspace} roles={assignable} /> : null}
      <section aria-labelledby="members-heading" className="mt-8">
        <h2 id="members-heading" className="mb-3 text-lg font-semibold">
          Members
        </h2>
        {members.isPending ? (
          <Loading label="Loading members…" />
        ) : members.isError ? (
          <ErrorState title="Could not load the members" error={members.error} onRetry={() => members.refetch()} />
        ) : members.data.items.length === 0 ? (
          <EmptyState title="No members" />
        ) : (
          <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
            {members.data.items.map((member) => (
              <MemberRow
                key={member.userId}
                member={member}
                workspace={workspace}
                self={member.userId === me.id}
                canManage={can.admin && (can.owner || member.role !== "owner")}
                roles={assignable}
              />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="invitations-heading" className="mt-8">
        <h2 id="invitations-heading" className="mb-3 text-lg font-semibold">
          Pending invitations
        </h2>
        {details.isPending ? (
          <Loading label="Loading invitations…" />
        ) : details.isError ? (
          <ErrorState title="Could not load the invitations" error={details.error} onRetry={() => details.refetch()} />
        ) : details.data.invitations.length === 0 ? (
          <p className="text-sm text-muted">No pending invitations.</p>
        ) : (
          <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
            {details.data.invitations.map((invitation) => (
              <li key={invitation.email} className="flex flex-wrap justify-between gap-2 p-4 text-sm">
                <span className="break-all font-medium">{invitation.email}</span>
                <span>
                  {ROLE_LABELS[invitation.role] ?? invitation.role} · expires {formatDate(invitation.expiresAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Invite({ workspace, roles }: { workspace: string; roles: readonly Role[] }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member" as Role);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, ["email", "role"]);
  const invite = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/workspaces/{slug}/invitations", { params: { path: { slug: workspace } }, body: { email: email.trim(), role } })),
    onSuccess: () => {
      setEmail("");
      void queryClient.invalidateQueries({ queryKey: keys.workspace(workspace) });
    },
    onError: (error) => form.fail(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = checkEmail(email);
    if (form.check(problem ? { email: problem } : {})) invite.mutate();
  }
  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">Invite someone</h2>
      <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start">
        <div className="sm:col-span-3">
          <FormError message={form.formError} />
          {invite.isSuccess ? <Notice tone="success">Invitation sent to {invite.data.email}. The link works for 7 days.</Notice> : null}
        </div>
        <TextField label="Email to invite" name="email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={form.errors.email} required />
        <SelectField label="Role" name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} error={form.errors.role}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="primary" className="sm:mt-6" pending={invite.isPending}>
          Send invitation
        </Button>
      </form>
    </Card>
  );
}

function MemberRow({
  member,
  workspace,
  self,
  canManage,
  roles,
}: {
  member: Member;
  workspace: string;
  self: boolean;
  canManage: boolean;
  roles: readonly Role[];
}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const selectId = useId();
  const [confirming, setConfirming] = useState(false);
  const path = { params: { path: { slug: workspace, userId: member.userId } } };
  const changeRole = useMutation({
    mutationFn: (role: Role) => unwrap(api.PATCH("/api/v1/workspaces/{slug}/members/{userId}", { ...path, body: { role } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.members(workspace) });
      if (self) void queryClient.invalidateQueries({ queryKey: keys.workspaces });
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/workspaces/{slug}/members/{userId}", path)),
    onSuccess: async () => {
      setConfirming(false);
      if (self) {
        forgetWorkspace(workspace);
        await queryClient.invalidateQueries({ queryKey: keys.workspaces });
        await queryClient.invalidateQueries({ queryKey: keys.me });
        router.push("/links/");
      } else {
        void queryClient.invalidateQueries({ queryKey: keys.members(workspace) });
      }
    },
  });
  const canRemove = self || canManage;
  const who = member.name || member.email || "A former user";
  return (
    <li className="grid gap-3 p-4 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-center">
      <div className="min-w-0">
        <p className="font-semibold break-words">
          {who}
          {self ? <span className="ml-2 text-sm font-normal text-muted">(you)</span> : null}
        </p>
        {member.email ? <p className="text-sm break-all text-muted">{member.email}</p> : null}
        <p className="text-sm text-muted">Joined {formatDate(member.joinedAt)}</p>
      </div>
      <div>
        {canManage ? (
          <>
            <label htmlFor={selectId} className="sr-only">
              Role of {who}
            </label>
            <select
              id={selectId}
              value={member.role}
              disabled={changeRole.isPending}
              onChange={(e) => changeRole.mutate(e.target.value as Role)}
              aria-describedby={changeRole.isError ? `${selectId}-error` : undefined}
              className="w-full rounded-md border border-border bg-surface px-2 py-2 text-sm text-fg"
            >
              {(roles.includes(member.role) ? roles : [member.role, ...roles]).map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            {changeRole.isError ? (
              <p id={`${selectId}-error`} role="alert" className="mt-1 text-sm text-danger">
                {changeRole.error.message}
              </p>
            ) : null}
          </>
        ) : (
          <p className="text-sm">{ROLE_LABELS[member.role] ?? member.role}</p>
        )}
      </div>
      <div>
        {canRemove ? (
          <Button variant="danger" onClick={() => setConfirming(true)} aria-label={self ? "Leave this workspace" : `Remove ${who}`}>
            {self ? "Leave" : "Remove"}
          </Button>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title={self ? "Leave this workspace?" : `Remove ${who}?`}
        confirmLabel={self ? "Leave workspace" : "Remove member"}
        pending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setConfirming(false);
          remove.reset();
        }}
      >
        {self
          ? "You lose access to its links and analytics at once. Someone must invite you to come back."
          : `${who} loses access to this workspace at once.`}
      </ConfirmDialog>
    </li>
  );
}
