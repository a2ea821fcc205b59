"use client";

import type { Domain } from "@smo1/api-types";
import { useCallback, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { FormError, TextField } from "@/components/Field";
import { Card, EmptyState, ErrorState, Loading, PageHeader } from "@/components/States";
import { useFormErrors } from "@/components/useForm";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { checkDomain, withDomain } from "@/lib/domains";
import { unwrap } from "@/lib/errors";
import { keys, useDomains } from "@/lib/queries";
import { DomainItem } from "./DomainItem";

/**
 * The workspace's custom domains. Every member reads them; owners and admins add, check, set up
 * and remove them. A TXT token is in the API's answer that made it only: the page keeps it (in
 * memory, never stored) to show it beside the records until the page is left.
 */
export function DomainsPage() {
  const { slug, can } = useCurrent();
  const workspace = slug ?? "";
  const list = useDomains(workspace);
  const [tokens, setTokens] = useState<Record<string, string>>({});
  const [added, setAdded] = useState<string | null>(null);
  const keepToken = useCallback((domain: Domain) => {
    const token = domain.records.find((record) => record.type === "TXT")?.value;
    if (token) setTokens((kept) => ({ ...kept, [domain.domain]: token }));
  }, []);

  return (
    <>
      <PageHeader
        title="Domains"
        description="Short links on a domain of your own, such as go.example.com/offer. Add the domain, create the DNS records it shows at your DNS host, then check it. Each domain has its own codes."
      />
      {can.admin ? (
        <AddDomain
          workspace={workspace}
          onAdded={(domain) => {
            keepToken(domain);
            setAdded(domain.domain);
          }}
        />
      ) : (
        <p className="text-sm">Only owners and admins of this workspace add, check and change its domains.</p>
      )}
      <section aria-labelledby="domains-heading" className="mt-8">
        <h2 id="domains-heading" className="mb-3 text-lg font-semibold">
          Domains of this workspace
        </h2>
        {list.isPending ? (
          <Loading label="Loading domains…" />
        ) : list.isError ? (
          <ErrorState title="Could not load the domains" error={list.error} onRetry={() => list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title="No custom domains yet">
            {can.admin ? "Add one above to make short links on it." : "Links use SMO1's default domain."}
          </EmptyState>
        ) : (
          <ul className="space-y-4">
            {list.data.items.map((domain) => (
              <DomainItem
                key={domain.domain}
                domain={domain}
                workspace={workspace}
                admin={can.admin}
                token={tokens[domain.domain]}
                onToken={keepToken}
                focusOnMount={added === domain.domain}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function AddDomain({ workspace, onAdded }: { workspace: string; onAdded: (domain: Domain) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, ["domain"]);
  const add = useMutation({
    mutationFn: (domain: string) =>
      unwrap(api.POST("/api/v1/workspaces/{slug}/domains", { params: { path: { slug: workspace } }, body: { domain } })),
    onSuccess: (domain) => {
      setName("");
      queryClient.setQueryData(keys.domains(workspace), (old: { items: Domain[] } | undefined) => ({
        items: withDomain(old?.items ?? [], domain),
      }));
      void queryClient.invalidateQueries({ queryKey: keys.domains(workspace) });
      onAdded(domain);
    },
    onError: (error) => form.fail(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkDomain(name);
    if (form.check("error" in checked ? { domain: checked.error } : {}) && "domain" in checked) add.mutate(checked.domain);
  }

  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">Add a domain</h2>
      <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
        <div className="sm:col-span-2">
          <FormError message={form.formError} />
        </div>
        <TextField
          label="Domain name"
          name="domain"
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          placeholder="go.example.com"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={form.errors.domain}
          hint="A domain or subdomain you control and use for nothing else, such as go.example.com."
          required
          maxLength={253}
        />
        <Button type="submit" variant="primary" className="sm:mt-6" pending={add.isPending}>
          Add domain
        </Button>
      </form>
    </Card>
  );
}
