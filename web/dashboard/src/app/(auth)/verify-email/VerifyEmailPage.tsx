"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { FormError, TextField } from "@/components/Field";
import { Loading, Notice } from "@/components/States";
import { useFormErrors } from "@/components/useForm";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { checkEmail } from "@/lib/validation";

/** The emailed link's page: posts its single-use token once, and offers a new link when it fails. */
export function VerifyEmailPage() {
  const token = useSearchParams().get("token") ?? "";
  const posted = useRef(false);
  const verify = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/verify-email", { body: { token } })),
  });
  const { mutate } = verify;

  useEffect(() => {
    // once, also under StrictMode's double effects: the token is single-use
    if (!token || posted.current) return;
    posted.current = true;
    mutate();
  }, [token, mutate]);

  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Verify your email</h1>
      {!token ? (
        <p>This page needs the link from your verification email. Ask for a new one below.</p>
      ) : verify.isPending || verify.isIdle ? (
        <Loading label="Verifying your email…" />
      ) : verify.isSuccess ? (
        <div className="space-y-4">
          <Notice tone="success">
            <strong>{verify.data.email}</strong> is verified.
          </Notice>
          <p>
            <Link href="/login/">Log in</Link>
          </p>
        </div>
      ) : (
        <FormError message={verify.error?.message} />
      )}
      {!token || verify.isError ? <Resend /> : null}
    </>
  );
}

function Resend() {
  const [email, setEmail] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, ["email"]);
  const resend = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/verify-email/resend", { body: { email: email.trim() } })),
    onError: (error) => form.fail(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const error = checkEmail(email);
    if (form.check(error ? { email: error } : {})) resend.mutate();
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="mt-6 space-y-4">
      <h2 className="text-lg font-semibold">Get a new verification link</h2>
      <FormError message={form.formError} />
      <TextField label="Email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={form.errors.email} required />
      <Button type="submit" pending={resend.isPending}>
        Send a new link
      </Button>
      {resend.isSuccess ? <Notice tone="success">If the account is not verified yet, a new link is on its way.</Notice> : null}
    </form>
  );
}
