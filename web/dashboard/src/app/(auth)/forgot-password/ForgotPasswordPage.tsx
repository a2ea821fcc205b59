"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { FormError, TextField } from "@/components/Field";
import { Notice } from "@/components/States";
import { useFormErrors } from "@/components/useForm";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { checkEmail } from "@/lib/validation";

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, ["email"]);
  const reset = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/password-reset", { body: { email: email.trim() } })),
    onError: (error) => form.fail(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const error = checkEmail(email);
    if (form.check(error ? { email: error } : {})) reset.mutate();
  }

  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Reset your password</h1>
      {reset.isSuccess ? (
        <Notice tone="success">
          If an account uses <strong>{email.trim()}</strong>, a link to choose a new password is on its way. It works for one hour.
        </Notice>
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
          <p className="text-sm text-muted">We will email you a link to choose a new password.</p>
          <FormError message={form.formError} />
          <TextField label="Email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={form.errors.email} required />
          <Button type="submit" variant="primary" className="w-full" pending={reset.isPending}>
            Send the link
          </Button>
        </form>
      )}
      <p className="mt-6 text-sm">
        <Link href="/login/">Back to the login page</Link>
      </p>
    </>
  );
}
