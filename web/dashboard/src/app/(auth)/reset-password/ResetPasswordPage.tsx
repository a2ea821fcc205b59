"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { FormError, TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useForm";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { checkNewPassword, type Errors } from "@/lib/validation";

const FIELDS = ["password", "confirm"] as const;

export function ResetPasswordPage() {
  const token = useSearchParams().get("token") ?? "";
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, FIELDS);
  const reset = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/password-reset/confirm", { body: { token, password } })),
    onSuccess: () => router.replace("/login/?reset=1"),
    onError: (error) => form.fail(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Errors = {};
    const weak = checkNewPassword(password);
    if (weak) errors.password = weak;
    if (confirm !== password) errors.confirm = "The two passwords differ.";
    if (form.check(errors)) reset.mutate();
  }

  if (!token) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">Choose a new password</h1>
        <p>This page needs the link from your password reset email.</p>
        <p className="mt-4 text-sm">
          <Link href="/forgot-password/">Ask for a new link</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Choose a new password</h1>
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
        <FormError message={form.formError} />
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.errors.password}
          hint="At least 10 characters; not a common password or your email."
          required
        />
        <TextField
          label="Repeat password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={form.errors.confirm}
          required
        />
        <Button type="submit" variant="primary" className="w-full" pending={reset.isPending}>
          Save the new password
        </Button>
      </form>
      {reset.isError ? (
        <p className="mt-4 text-sm">
          <Link href="/forgot-password/">Ask for a new link</Link>
        </p>
      ) : null}
    </>
  );
}
