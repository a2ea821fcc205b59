"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { FormError, TextField } from "@/components/Field";
import { Notice } from "@/components/States";
import { useFormErrors } from "@/components/useForm";
import { api } from "@/lib/api";
import { isApiError, unwrap } from "@/lib/errors";
import { safeNext } from "@/lib/navigation";
import { keys } from "@/lib/queries";
import { validateLogIn } from "@/lib/validation";

const FIELDS = ["email", "password"] as const;

export function LoginPage() {
  const router = useRouter();
  const search = useSearchParams();
  const next = safeNext(search.get("next"));
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, FIELDS);
  const [resent, setResent] = useState(false);

  const login = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/login", { body: { email: email.trim(), password } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.me });
      router.replace(next);
    },
    onError: (error) => form.fail(error),
  });
  const resend = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/verify-email/resend", { body: { email: email.trim() } })),
    onSuccess: () => setResent(true),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (form.check(validateLogIn({ email, password }))) login.mutate();
  }

  const unverified = isApiError(login.error, "email_not_verified");
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Log in to SMO1</h1>
      {search.get("reset") === "1" ? <Notice tone="success">Your password is changed. Log in with the new one.</Notice> : null}
      {search.get("deleted") === "1" ? <Notice>Your account is deleted.</Notice> : null}
      <form ref={formRef} onSubmit={submit} noValidate className="mt-4 space-y-4">
        <FormError message={form.formError} />
        {unverified ? (
          <div className="space-y-2">
            <Button onClick={() => resend.mutate()} pending={resend.isPending}>
              Resend the verification email
            </Button>
            {resent ? <Notice tone="success">If the account is not verified yet, a new link is on its way.</Notice> : null}
          </div>
        ) : null}
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={form.errors.email}
          required
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.errors.password}
          required
        />
        <Button type="submit" variant="primary" className="w-full" pending={login.isPending}>
          {login.isPending ? "Logging in…" : "Log in"}
        </Button>
      </form>
      <div className="mt-6 space-y-2 text-sm">
        <p>
          <Link href="/forgot-password/">Forgot your password?</Link>
        </p>
        <p>
          New to SMO1? <Link href="/signup/">Create an account</Link>
        </p>
      </div>
    </>
  );
}
