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
import { validateSignUp } from "@/lib/validation";

const FIELDS = ["name", "email", "password"] as const;

export function SignupPage() {
  const [values, setValues] = useState({ name: "", email: "", password: "" });
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, FIELDS);
  const signup = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/auth/signup", {
          body: { name: values.name.trim(), email: values.email.trim(), password: values.password },
        }),
      ),
    onError: (error) => form.fail(error),
  });
  const resend = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/verify-email/resend", { body: { email: values.email.trim() } })),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (form.check(validateSignUp(values))) signup.mutate();
  }

  if (signup.isSuccess) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">Check your inbox</h1>
        <p>
          We sent a link to <strong>{signup.data.email}</strong>. Follow it to verify your address, then log in.
        </p>
        <div className="mt-6 space-y-3">
          <Button onClick={() => resend.mutate()} pending={resend.isPending}>
            Resend the email
          </Button>
          {resend.isSuccess ? <Notice tone="success">A new link is on its way.</Notice> : null}
          {resend.isError ? <FormError message={resend.error.message} /> : null}
          <p className="text-sm">
            <Link href="/login/">Go to the login page</Link>
          </p>
        </div>
      </>
    );
  }

  const set = (name: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Create your SMO1 account</h1>
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
        <FormError message={form.formError} />
        <TextField label="Name" name="name" autoComplete="name" value={values.name} onChange={set("name")} error={form.errors.name} required />
        <TextField label="Email" name="email" type="email" autoComplete="email" value={values.email} onChange={set("email")} error={form.errors.email} required />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={set("password")}
          error={form.errors.password}
          hint="At least 10 characters; not a common password or your email."
          required
        />
        <Button type="submit" variant="primary" className="w-full" pending={signup.isPending}>
          {signup.isPending ? "Creating your account…" : "Sign up"}
        </Button>
      </form>
      <p className="mt-6 text-sm">
        Already have an account? <Link href="/login/">Log in</Link>
      </p>
    </>
  );
}
