"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PageHeader } from "@/components/States";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { linkDomains } from "@/lib/domains";
import { unwrap } from "@/lib/errors";
import { IdempotencyKeys } from "@/lib/idempotency";
import { linkHref } from "@/lib/link-domain";
import { href } from "@/lib/navigation";
import { keys, useDomains } from "@/lib/queries";
import { createLinkBody, type LinkFormValues } from "@/lib/validation";
import { LinkForm } from "../LinkForm";

export function NewLinkPage() {
  const { slug } = useCurrent();
  const workspace = slug ?? "";
  const router = useRouter();
  const queryClient = useQueryClient();
  // the domain choice is offered once the workspace has a custom domain holding links; without
  // the list (still loading, or refused) the link goes on the default domain
  const domains = useDomains(workspace);
  // the same key while the same link is asked for again: a second press after a timeout or a 503
  // gets the link the first one made
  const [idempotencyKeys] = useState(() => new IdempotencyKeys());
  const create = useMutation({
    mutationFn: (values: LinkFormValues) => {
      const body = createLinkBody(values);
      const key = idempotencyKeys.keyFor({ workspace, body });
      return unwrap(
        api.POST("/api/v1/links", { params: { query: { workspace }, header: { "Idempotency-Key": key } }, body }),
      );
    },
    onSuccess: (link, values) => {
      void queryClient.invalidateQueries({ queryKey: keys.links(workspace) });
      const domain = values.domain || null;
      queryClient.setQueryData(keys.link(workspace, link.code, domain), link);
      router.push(linkHref("/links/view/", workspace, link.code, domain, { created: 1 }));
    },
  });
  return (
    <>
      <PageHeader title="Create link" />
      <LinkForm
        domains={linkDomains(domains.data?.items ?? [])}
        submitLabel="Create link"
        pending={create.isPending}
        error={create.error}
        cancelHref={href("/links/", workspace)}
        onSubmit={(values) => create.mutate(values)}
      />
    </>
  );
}
