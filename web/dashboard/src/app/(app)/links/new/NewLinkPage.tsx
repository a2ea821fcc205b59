"use client";

import type { Link as ShortLink } from "@smo1/api-types";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, buttonClass } from "@/components/Button";
import { CopyButton } from "@/components/CopyButton";
import { Card, PageHeader } from "@/components/States";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { linkDomains } from "@/lib/domains";
import { unwrap } from "@/lib/errors";
import { IdempotencyKeys } from "@/lib/idempotency";
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
  const [idempotencyKeys, setIdempotencyKeys] = useState(() => new IdempotencyKeys());
  // a link on a custom domain: shown here (the API reads a link by its code on the default domain)
  const [created, setCreated] = useState<ShortLink | null>(null);
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
      if (values.domain) {
        setCreated(link);
        return;
      }
      queryClient.setQueryData(keys.link(workspace, link.code), link);
      router.push(href("/links/view/", workspace, { code: link.code, created: 1 }));
    },
  });
  return (
    <>
      <PageHeader title="Create link" />
      {created ? (
        <CreatedOnDomain
          link={created}
          workspace={workspace}
          onAnother={() => {
            setCreated(null);
            setIdempotencyKeys(new IdempotencyKeys());
            create.reset();
          }}
        />
      ) : (
        <LinkForm
          domains={linkDomains(domains.data?.items ?? [])}
          submitLabel="Create link"
          pending={create.isPending}
          error={create.error}
          cancelHref={href("/links/", workspace)}
          onSubmit={(values) => create.mutate(values)}
        />
      )}
    </>
  );
}

function CreatedOnDomain({ link, workspace, onAnother }: { link: ShortLink; workspace: string; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Card className="max-w-2xl space-y-4">
      <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        Link created on {link.domain}
      </h2>
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        <dt className="text-sm font-medium text-muted">Short URL</dt>
        <dd className="flex min-w-0 flex-wrap items-center gap-2">
          <span className="font-mono break-all">{link.shortUrl}</span>
          <CopyButton value={link.shortUrl} accessibleLabel="Copy short URL" />
        </dd>
        <dt className="text-sm font-medium text-muted">Target</dt>
        <dd className="min-w-0 break-all">{link.target}</dd>
      </dl>
      <p className="text-sm text-muted">Links on custom domains have no page of their own in the dashboard yet.</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={onAnother}>
          Create another link
        </Button>
        <Link className={buttonClass("secondary")} href={href("/domains/", workspace)}>
          Back to the domains
        </Link>
      </div>
    </Card>
  );
}
