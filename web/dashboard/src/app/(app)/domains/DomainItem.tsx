"use client";

import type { Domain, DomainStatus } from "@smo1/api-types";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { CopyButton } from "@/components/CopyButton";
import { ConfirmDialog } from "@/components/Dialog";
import { FormError, TextField } from "@/components/Field";
import { Notice } from "@/components/States";
import { useFormErrors } from "@/components/useForm";
import { api } from "@/lib/api";
import {
  SETTINGS_FIELDS,
  STATUS_LABELS,
  settingsBody,
  settingsFormFrom,
  shownRecords,
  validateDomainSettings,
  withDomain,
  type DomainSettingsValues,
} from "@/lib/domains";
import { unwrap } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { keys } from "@/lib/queries";

const STATUS_STYLES: Record<DomainStatus, string> = {
  pending: "border-warning text-warning",
  verified: "border-success text-success",
  failing: "border-danger text-danger",
};

const SETTINGS_INPUTS: { field: (typeof SETTINGS_FIELDS)[number]; label: string; hint: string; placeholder: string }[] = [
  { field: "rootUrl", label: "Root URL", hint: "Where visitors of the bare domain go. Empty: a “not found” page.", placeholder: "https://example.com/" },
  {
    field: "notFoundUrl",
    label: "Not-found URL",
    hint: "Where a code this domain has no link for goes. Empty: the “not found” page.",
    placeholder: "https://example.com/not-found",
  },
  {
    field: "expiredUrl",
    label: "Expired-links URL",
    hint: "Where its links go once expired, used up or disabled, when the link has no fallback URL of its own. Empty: the “gone” page.",
    placeholder: "https://example.com/offer-ended",
  },
];

function useStore(workspace: string) {
  const queryClient = useQueryClient();
  return (domain: Domain) => {
    queryClient.setQueryData(keys.domains(workspace), (old: { items: Domain[] } | undefined) => ({
      items: withDomain(old?.items ?? [], domain),
    }));
  };
}

/** One domain: where it stands, the records to create, its check, settings and removal. */
export function DomainItem({
  domain,
  workspace,
  admin,
  token,
  onToken,
  focusOnMount,
}: {
  domain: Domain;
  workspace: string;
  admin: boolean;
  /** the TXT record's token, when this page was given it */
  token: string | undefined;
  onToken: (domain: Domain) => void;
  /** just added: focus moves to it, where its records are */
  focusOnMount: boolean;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const store = useStore(workspace);
  const [checked, setChecked] = useState<string>("");
  const path = { params: { path: { slug: workspace, domain: domain.domain } } };
  const check = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/workspaces/{slug}/domains/{domain}/verify", path)),
    onSuccess: (result) => {
      store(result);
      setChecked(
        result.status === "verified"
          ? "Checked just now: verified."
          : `Checked just now: ${STATUS_LABELS[result.status].toLowerCase()}. ${result.problem ?? ""}`.trim(),
      );
    },
    onError: () => setChecked(""),
  });

  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);

  return (
    <li>
      <section aria-labelledby={headingId} className="space-y-4 rounded-lg border border-border bg-surface p-4 sm:p-5">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id={headingId} ref={heading} tabIndex={-1} className="min-w-0 font-mono text-lg font-semibold break-all focus:outline-none">
            {domain.domain}
          </h3>
          <span className={"inline-flex items-center rounded-full border bg-surface px-2 py-0.5 text-xs font-semibold " + STATUS_STYLES[domain.status]}>
            <span className="sr-only">Status: </span>
            {STATUS_LABELS[domain.status]}
          </span>
        </div>
        <p className="text-sm text-muted">
          Added {formatDateTime(domain.createdAt)}
          {domain.verifiedAt ? ` · Verified ${formatDateTime(domain.verifiedAt)}` : ""} · Last checked{" "}
          {domain.checkedAt ? formatDateTime(domain.checkedAt) : "never"}
          {domain.nextCheckAt ? ` · Next check ${formatDateTime(domain.nextCheckAt)}` : ""}
        </p>
        {domain.problem && domain.status !== "verified" ? (
          <p className={"text-sm " + (domain.status === "failing" ? "text-danger" : "")}>
            <span className="font-semibold">Problem: </span>
            {domain.problem}
          </p>
        ) : null}
        {domain.status === "failing" ? (
          <p className="text-sm">Its links keep working while you fix the records below.</p>
        ) : null}
        {admin ? (
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="primary" pending={check.isPending} onClick={() => check.mutate()} aria-label={`Check now ${domain.domain}`}>
              Check now
            </Button>
            <RemoveDomain domain={domain} workspace={workspace} />
            <p role="status" className="basis-full text-sm font-medium">
              {checked}
            </p>
          </div>
        ) : null}
        {check.isError ? <FormError message={check.error.message} /> : null}
        <DnsRecords domain={domain} workspace={workspace} admin={admin} token={token} onToken={onToken} />
        {admin ? <SettingsForm domain={domain} workspace={workspace} /> : <SettingsSummary domain={domain} />}
      </section>
    </li>
  );
}

function DnsRecords({
  domain,
  workspace,
  admin,
  token,
  onToken,
}: {
  domain: Domain;
  workspace: string;
  admin: boolean;
  token: string | undefined;
  onToken: (domain: Domain) => void;
}) {
  const store = useStore(workspace);
  const [confirming, setConfirming] = useState(false);
  const renew = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/workspaces/{slug}/domains/{domain}/challenge", { params: { path: { slug: workspace, domain: domain.domain } } })),
    onSuccess: (renewed) => {
      setConfirming(false);
      onToken(renewed);
      store(renewed);
    },
  });
  const records = shownRecords(domain.records, token);
  const tokenShown = records.some((record) => record.type === "TXT" && record.value !== null);
  const newToken = () => (domain.status === "pending" ? renew.mutate() : setConfirming(true));

  return (
    <div className="space-y-3">
      <h4 className="font-semibold">DNS records</h4>
      <p className="text-sm text-muted">
        Create these at your domain’s DNS host, then check the domain. Some hosts want the name without your domain at its end.
      </p>
      {tokenShown ? (
        <Notice>
          <strong>The TXT record’s token is shown only this once.</strong> Copy it now; if it is lost, make a new token.
        </Notice>
      ) : null}
      <ul className="space-y-3">
        {records.map((record) => (
          <li key={record.label} className="space-y-2 rounded-md border border-border p-3">
            <p className="text-sm">
              <span className="font-semibold">{record.label}</span> <span className="text-muted">— {record.purpose}</span>
            </p>
            <RecordField label={`${record.label} name`} value={record.name} />
            {record.value !== null ? (
              <RecordField label={`${record.label} value`} value={record.value} />
            ) : (
              <p className="text-sm">
                Its value, the token, was shown once, when the domain was added or a new token was made.{" "}
                {admin ? "If you did not keep it, make a new token." : "An owner or admin can make a new one."}
              </p>
            )}
          </li>
        ))}
      </ul>
      {admin ? (
        <div>
          <Button pending={renew.isPending} onClick={newToken} aria-label={`New token for ${domain.domain}`}>
            New token
          </Button>
          {renew.isError && !confirming ? <FormError message={renew.error.message} /> : null}
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Make a new token for ${domain.domain}?`}
        confirmLabel="Make a new token"
        danger={false}
        pending={renew.isPending}
        error={renew.error?.message}
        onConfirm={() => renew.mutate()}
        onClose={() => {
          setConfirming(false);
          renew.reset();
        }}
      >
        The TXT record’s current value stops proving the domain at its next check: put the new token in its place.
      </ConfirmDialog>
    </div>
  );
}

/**
 * A record's name or value, whole: read-only text that wraps (a token is longer than a phone's
 * width, and an input would hide its end), in a monospace font (l, I and 1 told apart), with a copy
 * button.
 */
function RecordField({ label, value }: { label: string; value: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <div className="flex flex-wrap items-start gap-2">
        <textarea
          id={id}
          value={value}
          readOnly
          rows={2}
          spellCheck={false}
          onFocus={(e) => e.target.select()}
          className="block min-w-0 flex-1 basis-64 resize-none rounded-md border border-border bg-surface px-3 py-2 font-mono text-base break-all text-fg [field-sizing:content] sm:text-sm"
        />
        <CopyButton value={value} accessibleLabel={`Copy ${label}`} className="mt-1" />
      </div>
    </div>
  );
}

function SettingsForm({ domain, workspace }: { domain: Domain; workspace: string }) {
  const store = useStore(workspace);
  const [values, setValues] = useState<DomainSettingsValues>(() => settingsFormFrom(domain.settings));
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormErrors(formRef, SETTINGS_FIELDS);
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof settingsBody>) =>
      unwrap(api.PATCH("/api/v1/workspaces/{slug}/domains/{domain}", { params: { path: { slug: workspace, domain: domain.domain } }, body })),
    onSuccess: (saved) => {
      store(saved);
      setValues(settingsFormFrom(saved.settings));
      setNotice("Settings saved.");
    },
    onError: (error) => form.fail(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    if (!form.check(validateDomainSettings(values))) return;
    const body = settingsBody(domain.settings, values);
    if (Object.keys(body).length === 0) {
      setNotice("Nothing changed: edit a URL before saving.");
      return;
    }
    save.mutate(body);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
      <h4 className="font-semibold">
        Where visitors go
      </h4>
      <FormError message={form.formError} />
      {SETTINGS_INPUTS.map((input) => (
        <TextField
          key={input.field}
          label={input.label}
          name={input.field}
          type="url"
          inputMode="url"
          placeholder={input.placeholder}
          value={values[input.field]}
          onChange={(e) => {
            const value = e.target.value;
            setValues((v) => ({ ...v, [input.field]: value }));
            setNotice(null);
          }}
          error={form.errors[input.field]}
          hint={input.hint}
          maxLength={2048}
        />
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={save.isPending} aria-label={`Save settings of ${domain.domain}`}>
          Save settings
        </Button>
        <p role="status" className="text-sm">
          {notice}
        </p>
      </div>
    </form>
  );
}

function SettingsSummary({ domain }: { domain: Domain }) {
  return (
    <div>
      <h4 className="mb-2 font-semibold">Where visitors go</h4>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {SETTINGS_INPUTS.map((input) => (
          <div key={input.field} className="contents">
            <dt className="font-medium text-muted">{input.label}</dt>
            <dd className="min-w-0 break-all">{domain.settings[input.field] ?? "SMO1’s page"}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function RemoveDomain({ domain, workspace }: { domain: Domain; workspace: string }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE("/api/v1/workspaces/{slug}/domains/{domain}", { params: { path: { slug: workspace, domain: domain.domain } } })),
    onSuccess: () => {
      setConfirming(false);
      queryClient.setQueryData(keys.domains(workspace), (old: { items: Domain[] } | undefined) => ({
        items: (old?.items ?? []).filter((d) => d.domain !== domain.domain),
      }));
      void queryClient.invalidateQueries({ queryKey: keys.domains(workspace) });
    },
  });
  const everVerified = domain.verifiedAt !== null;
  return (
    <>
      <Button variant="danger" onClick={() => setConfirming(true)} aria-label={`Remove domain ${domain.domain}`}>
        Remove
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Remove ${domain.domain}?`}
        confirmLabel="Remove domain"
        pending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setConfirming(false);
          remove.reset();
        }}
      >
        {everVerified
          ? `Its links stop redirecting: they answer 410 Gone from then on, and no other workspace can take ${domain.domain}. You can add it again later, under a new token. This cannot be undone.`
          : "It was never verified, so it holds no links (a removed domain’s links answer 410 Gone): it is forgotten, and you can add it again later."}
      </ConfirmDialog>
    </>
  );
}
