"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { FormError, TextField } from "@/components/Field";
import { Card, PageHeader } from "@/components/States";
import { useFormErrors } from "@/components/useForm";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { href } from "@/lib/navigation";
import { keys } from "@/lib/queries";
import { checkName, checkSlug, slugFrom, type Errors } from "@/lib/validation";
import { rememberWorkspace } from "@/lib/workspace";

export function NewWorkspacePage() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, ["name", "slug"]);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/workspaces", { body: { name: name.trim(), slug } })),
    onSuccess: (workspace) => {
      rememberWorkspace(workspace.slug);
      void queryClient.invalidateQueries({ queryKey: keys.workspaces });
      void queryClient.invalidateQueries({ queryKey: keys.me });
      router.push(href("/links/", workspace.slug));
    },
    onError: (error) => form.fail(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Errors = {};
    const nameError = checkName(name, "workspace name");
    if (nameError) errors.name = nameError;
    const slugError = checkSlug(slug);
    if (slugError) errors.slug = slugError;
    if (form.check(errors)) create.mutate();
  }

  return (
    <>
      <PageHeader title="New workspace" description="A workspace holds links, members and API keys. You will be its owner." />
      <Card className="max-w-xl">
        <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
          <FormError message={form.formError} />
          <TextField
            label="Workspace name"
            name="name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (!slugEdited) setSlug(slugFrom(e.target.value));
            }}
            error={form.errors.name}
            required
            maxLength={100}
          />
          <TextField
            label="Slug"
            name="slug"
            value={slug}
            autoCapitalize="none"
            spellCheck={false}
            onChange={(e) => {
              setSlug(e.target.value);
              setSlugEdited(true);
            }}
            error={form.errors.slug}
            hint="3 to 48 lowercase letters, digits and hyphens. It names the workspace for good: it cannot change later."
            required
          />
          <Button type="submit" variant="primary" pending={create.isPending}>
            Create workspace
          </Button>
        </form>
      </Card>
    </>
  );
}
