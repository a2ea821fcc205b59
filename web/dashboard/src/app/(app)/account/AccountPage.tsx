"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { ConfirmDialog } from "@/components/Dialog";
import { FormError, TextField } from "@/components/Field";
import { Card, Notice, PageHeader } from "@/components/States";
import { useFormErrors } from "@/components/useForm";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { checkEmail, checkNewPassword, type Errors } from "@/lib/validation";

export function AccountPage() {
  const { me } = useCurrent();
  return (
    <>
      <PageHeader title="Account settings" />
      <div className="max-w-2xl space-y-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Profile</h2>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-muted">Name</dt>
            <dd>{me.name}</dd>
            <dt className="font-medium text-muted">Email</dt>
            <dd className="break-all">
              {me.email} {me.emailVerified ? "(verified)" : "(not verified)"}
            </dd>
          </dl>
        </Card>
        <ChangePassword email={me.email} />
        <ChangeEmail />
        <Sessions />
        <DeleteAccount />
      </div>
    </>
  );
}

function ChangePassword({ email }: { email: string }) {
  const [values, setValues] = useState({ currentPassword: "", newPassword: "", confirm: "" });
  const formRef = useRef<HTMLFormElement>(null);
  // the API names the new password `password` in its errors
  const form = useFormErrors(formRef, ["currentPassword", "newPassword", "confirm"], { password: "newPassword" });
  const change = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/me/password", { body: { currentPassword: values.currentPassword, newPassword: values.newPassword } })),
    onSuccess: () => setValues({ currentPassword: "", newPassword: "", confirm: "" }),
    onError: (error) => form.fail(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Errors = {};
    if (!values.currentPassword) errors.currentPassword = "Enter your current password.";
    const weak = checkNewPassword(values.newPassword, email);
    if (weak) errors.newPassword = weak;
    if (values.confirm !== values.newPassword) errors.confirm = "The two passwords differ.";
    if (form.check(errors)) change.mutate();
  }
  const set = (name: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));
  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">Change password</h2>
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
        <FormError message={form.formError} />
        {change.isSuccess ? <Notice tone="success">Password changed. Your other sessions are signed out.</Notice> : null}
        <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" value={values.currentPassword} onChange={set("currentPassword")} error={form.errors.currentPassword} required />
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" value={values.newPassword} onChange={set("newPassword")} error={form.errors.newPassword} hint="At least 10 characters; not a common password or your email." required />
        <TextField label="Repeat password" name="confirm" type="password" autoComplete="new-password" value={values.confirm} onChange={set("confirm")} error={form.errors.confirm} required />
        <Button type="submit" variant="primary" pending={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}

function ChangeEmail() {
  const [values, setValues] = useState({ email: "", password: "" });
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, ["email", "password"]);
  const change = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/me/email", { body: { email: values.email.trim(), password: values.password } })),
    onSuccess: () => setValues((v) => ({ ...v, password: "" })),
    onError: (error) => form.fail(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Errors = {};
    const email = checkEmail(values.email);
    if (email) errors.email = email;
    if (!values.password) errors.password = "Enter your password.";
    if (form.check(errors)) change.mutate();
  }
  const set = (name: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));
  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">Change email</h2>
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
        <FormError message={form.formError} />
        {change.isSuccess ? (
          <Notice tone="success">We sent a link to {values.email.trim()}. Your email changes when you follow it.</Notice>
        ) : null}
        <TextField label="New email" name="email" type="email" autoComplete="email" value={values.email} onChange={set("email")} error={form.errors.email} required />
        <TextField label="Your password" name="password" type="password" autoComplete="current-password" value={values.password} onChange={set("password")} error={form.errors.password} required />
        <Button type="submit" variant="primary" pending={change.isPending}>
          Change email
        </Button>
      </form>
    </Card>
  );
}

function Sessions() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const signOut = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/me/sessions")),
    onSuccess: () => {
      queryClient.clear();
      router.replace("/login/");
    },
  });
  return (
    <Card>
      <h2 className="mb-2 text-lg font-semibold">Sessions</h2>
      <p className="mb-3 text-sm">Signs you out on every browser and device, this one included.</p>
      <Button onClick={() => setConfirming(true)}>Sign out everywhere</Button>
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        pending={signOut.isPending}
        error={signOut.error?.message}
        onConfirm={() => signOut.mutate()}
        onClose={() => {
          setConfirming(false);
          signOut.reset();
        }}
      >
        Every session of your account ends, this one too: you will log in again.
      </ConfirmDialog>
    </Card>
  );
}

function DeleteAccount() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/me", { body: { password } })),
    onSuccess: () => {
      queryClient.clear();
      router.replace("/login/?deleted=1");
    },
  });
  const close = () => {
    setConfirming(false);
    setPassword("");
    setMissing(false);
    remove.reset();
  };
  const passwordError = missing ? "Enter your password." : remove.error && "field" in remove.error && (remove.error as { field: string | null }).field === "password" ? remove.error.message : undefined;
  return (
    <Card tone="danger">
      <h2 className="mb-2 text-lg font-semibold">Delete account</h2>
      <p className="mb-3 text-sm">
        Deletes your account, its sessions and your memberships. While you are the only owner of a workspace, make someone else its owner (Members) or delete it (Settings) first.
      </p>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Delete account
      </Button>
      <ConfirmDialog
        open={confirming}
        title="Delete your account?"
        confirmLabel="Delete my account"
        pending={remove.isPending}
        error={passwordError ? undefined : remove.error?.message}
        onConfirm={() => {
          setMissing(!password);
          if (password) remove.mutate();
        }}
        onClose={close}
      >
        <p className="mb-3">This cannot be undone.</p>
        <TextField label="Your password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={passwordError} required />
      </ConfirmDialog>
    </Card>
  );
}
