"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ErrorState, Loading, PageHeader } from "@/components/States";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { domainFrom, linkHref, linkQuery, withDomainExplained } from "@/lib/link-domain";
import { keys } from "@/lib/queries";
import { updateLinkBody, type LinkFormValues } from "@/lib/validation";
import { LinkForm } from "../LinkForm";
import { useLink } from "../useLink";

export function EditLinkPage() {
  const { slug } = useCurrent();
  const workspace = slug ?? "";
  const search = useSearchParams();
  const code = search.get("code") ?? "";
  const domain = domainFrom(search);
  const router = useRouter();
  const queryClient = useQueryClient();
  const link = useLink(workspace, code, domain);
  const update = useMutation({
    mutationFn: (values: LinkFormValues) =>
      unwrap(
        api.PATCH("/api/v1/links/{code}", {
          params: { path: { code }, query: linkQuery(workspace, domain) },
          body: updateLinkBody(link.data!, values),
        }),
      ).catch((error: unknown) => {
        throw withDomainExplained(error, link.data!.domain);
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.link(workspace, code, domain), updated);
      void queryClient.invalidateQueries({ queryKey: keys.links(workspace) });
      router.push(linkHref("/links/view/", workspace, code, domain));
    },
  });

  if (!code) return <ErrorState title="No link given" error={new Error("This page needs a link code (?code=…).")} />;
  if (link.isPending) return <Loading label="Loading the link…" />;
  if (link.isError) return <ErrorState title="Could not load the link" error={link.error} onRetry={() => link.refetch()} />;
  return (
    <>
      <PageHeader title={`Edit ${link.data.code}`} description={link.data.shortUrl} />
      <LinkForm
        link={link.data}
        submitLabel="Save changes"
        pending={update.isPending}
        error={update.error}
        cancelHref={linkHref("/links/view/", workspace, code, domain)}
        onSubmit={(values) => update.mutate(values)}
      />
    </>
  );
}
