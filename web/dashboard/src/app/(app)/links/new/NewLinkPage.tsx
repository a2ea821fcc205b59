"use client";

import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PageHeader } from "@/components/States";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { href } from "@/lib/navigation";
import { keys } from "@/lib/queries";
import { createLinkBody, type LinkFormValues } from "@/lib/validation";
import { LinkForm } from "../LinkForm";

export function NewLinkPage() {
  const { slug } = useCurrent();
  const workspace = slug ?? "";
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (values: LinkFormValues) =>
      unwrap(api.POST("/api/v1/links", { params: { query: { workspace } }, body: createLinkBody(values) })),
    onSuccess: (link) => {
      queryClient.setQueryData(keys.link(workspace, link.code), link);
      void queryClient.invalidateQueries({ queryKey: keys.links(workspace) });
      router.push(href("/links/view/", workspace, { code: link.code, created: 1 }));
    },
  });
  return (
    <>
      <PageHeader title="Create link" />
      <LinkForm
        submitLabel="Create link"
        pending={create.isPending}
        error={create.error}
        cancelHref={href("/links/", workspace)}
        onSubmit={(values) => create.mutate(values)}
      />
    </>
  );
}
