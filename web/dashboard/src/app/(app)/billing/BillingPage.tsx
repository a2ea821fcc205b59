"use client";

import type { Billing, Invoice, Meter, Plan, TrackedClicksMeter, Usage } from "@smo1/api-types";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { FormError } from "@/components/Field";
import { Card, ErrorState, Loading, Notice, PageHeader } from "@/components/States";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { choices, meterText, overQuotaText, planState, share } from "@/lib/billing";
import { unwrap } from "@/lib/errors";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "@/lib/format";
import { keys } from "@/lib/queries";

/**
 * The workspace's plan, what it used of it this month, and (for owners, admins and billing
 * members) the paid plans to subscribe or switch to through Stripe Checkout, the Stripe portal
 * for payment methods, invoices and cancellation, and the invoices. Back from Checkout the page
 * waits for the webhook to move the plan.
 */
export function BillingPage() {
  const { slug, can } = useCurrent();
  const workspace = slug ?? "";
  const returned = useSearchParams().get("checkout");
  const billing = useQuery({
    queryKey: keys.billing(workspace),
    queryFn: () => unwrap(api.GET("/api/v1/workspaces/{slug}/billing", { params: { path: { slug: workspace } } })),
    // back from a paid Checkout: the webhook moves the plan within seconds
    refetchInterval: (query) => (returned === "done" && !query.state.data?.subscription ? 1000 : false),
  });
  const usage = useQuery({
    queryKey: keys.usage(workspace),
    queryFn: () => unwrap(api.GET("/api/v1/workspaces/{slug}/usage", { params: { path: { slug: workspace } } })),
  });
  const plans = useQuery({ queryKey: keys.plans, queryFn: () => unwrap(api.GET("/api/v1/plans")) });

  return (
    <>
      <PageHeader title="Billing" description="The plan of this workspace, what it used this month, and its subscription." />
      {returned === "done" ? (
        <Notice tone="success">Thank you: the payment went through. The plan changes as soon as Stripe confirms it.</Notice>
      ) : returned === "cancelled" ? (
        <Notice>Checkout was left without paying: nothing changed.</Notice>
      ) : null}
      {billing.isPending || plans.isPending ? (
        <Loading label="Loading billing…" />
      ) : billing.isError ? (
        <ErrorState title="Could not load billing" error={billing.error} onRetry={() => billing.refetch()} />
      ) : plans.isError ? (
        <ErrorState title="Could not load the plans" error={plans.error} onRetry={() => plans.refetch()} />
      ) : (
        <>
          <CurrentPlan billing={billing.data} plans={plans.data.plans} workspace={workspace} canPay={can.pay} />
          <section aria-labelledby="usage-heading" className="mt-8">
            <h2 id="usage-heading" className="mb-3 text-lg font-semibold">
              This month
            </h2>
            {usage.isPending ? (
              <Loading label="Loading usage…" />
            ) : usage.isError ? (
              <ErrorState title="Could not load the usage" error={usage.error} onRetry={() => usage.refetch()} />
            ) : (
              <UsageMeters usage={usage.data} />
            )}
          </section>
          {can.pay ? <Plans billing={billing.data} plans={plans.data.plans} workspace={workspace} /> : null}
          {can.pay ? <Invoices workspace={workspace} /> : null}
        </>
      )}
    </>
  );
}

function CurrentPlan({ billing, plans, workspace, canPay }: { billing: Billing; plans: Plan[]; workspace: string; canPay: boolean }) {
  const name = plans.find((plan) => plan.id === billing.plan)?.name ?? billing.plan;
  const portal = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/workspaces/{slug}/billing/portal", { params: { path: { slug: workspace } } })),
    onSuccess: (answer) => window.location.assign(answer.url),
  });
  return (
    <Card>
      <h2 className="text-lg font-semibold">
        Current plan: <span data-testid="current-plan">{name}</span>
      </h2>
      <p className="mt-1">{planState(billing, formatDate)}</p>
      {billing.customLimits ? <p className="mt-1 text-sm text-muted">This workspace has limits of its own.</p> : null}
      {canPay && billing.subscription ? (
        <div className="mt-4">
          <FormError message={portal.error instanceof Error ? portal.error.message : undefined} />
          <Button onClick={() => portal.mutate()} pending={portal.isPending}>
            Manage billing
          </Button>
          <p className="mt-2 text-sm text-muted">Payment methods, invoices and cancellation, on Stripe.</p>
        </div>
      ) : null}
    </Card>
  );
}

const METERS: readonly [keyof Pick<Usage, "links" | "trackedClicks" | "members" | "customDomains" | "apiKeys">, string][] = [
  ["links", "Links created"],
  ["trackedClicks", "Tracked clicks"],
  ["members", "Members and invitations"],
  ["customDomains", "Custom domains"],
  ["apiKeys", "API keys"],
];

function UsageMeters({ usage }: { usage: Usage }) {
  return (
    <Card>
      <p className="mb-4 text-sm text-muted">
        {formatDate(usage.periodStart)} to {formatDate(new Date(Date.parse(usage.periodEnd) - 1).toISOString())} (UTC)
      </p>
      <dl className="grid gap-4 sm:grid-cols-2">
        {METERS.map(([key, label]) => (
          <UsageMeter key={key} label={label} meter={usage[key]} />
        ))}
      </dl>
      <OverQuota meter={usage.trackedClicks} />
    </Card>
  );
}

function OverQuota({ meter }: { meter: TrackedClicksMeter }) {
  const text = overQuotaText(meter, formatNumber, formatDateTime);
  if (text === null) return null;
  return (
    <p role="status" data-testid="usage-over-quota" className="mt-4 text-sm text-danger">
      {text}
    </p>
  );
}

function UsageMeter({ label, meter }: { label: string; meter: Meter }) {
  const part = share(meter);
  const full = part !== null && part >= 1;
  return (
    <div>
      <dt className="font-medium">{label}</dt>
      <dd>
        <span data-testid={`usage-${label}`}>{meterText(meter, formatNumber)}</span>
        {part !== null ? (
          <div
            role="progressbar"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={meter.limit ?? 0}
            aria-valuenow={meter.used ?? 0}
            className="mt-1 h-2 w-full overflow-hidden rounded bg-border"
          >
            <div className={`h-full ${full ? "bg-danger" : "bg-[var(--accent)]"}`} style={{ width: `${Math.round(part * 100)}%` }} />
          </div>
        ) : null}
      </dd>
    </div>
  );
}

function Plans({ billing, plans, workspace }: { billing: Billing; plans: Plan[]; workspace: string }) {
  const queryClient = useQueryClient();
  const [interval, setInterval] = useState<"month" | "year">("month");
  const change = useMutation({
    mutationFn: (plan: string) =>
      unwrap(api.POST("/api/v1/workspaces/{slug}/billing/checkout", { params: { path: { slug: workspace } }, body: { plan, interval } })),
    onSuccess: (answer) => {
      if (answer.url) {
        window.location.assign(answer.url);
        return;
      }
      void queryClient.invalidateQueries({ queryKey: keys.billing(workspace) });
      void queryClient.invalidateQueries({ queryKey: keys.usage(workspace) });
    },
  });
  if (!billing.purchasable) {
    return (
      <section className="mt-8">
        <Notice>Paid plans are not offered on this installation.</Notice>
      </section>
    );
  }
  return (
    <section aria-labelledby="plans-heading" className="mt-8">
      <h2 id="plans-heading" className="mb-3 text-lg font-semibold">
        Plans
      </h2>
      <fieldset className="mb-4 flex gap-4">
        <legend className="sr-only">Billed</legend>
        {(["month", "year"] as const).map((value) => (
          <label key={value} className="flex items-center gap-2">
            <input type="radio" name="interval" value={value} checked={interval === value} onChange={() => setInterval(value)} />
            {value === "month" ? "Monthly" : "Yearly"}
          </label>
        ))}
      </fieldset>
      <FormError message={change.error instanceof Error ? change.error.message : undefined} />
      <ul className="grid gap-4 md:grid-cols-2">
        {choices(plans, billing).map(({ plan, action }) => {
          const cents = interval === "month" ? plan.price.monthlyCents : plan.price.yearlyCents;
          return (
            <li key={plan.id}>
              <Card>
                <h3 className="text-lg font-semibold">{plan.name}</h3>
                <p className="text-sm text-muted">{plan.description}</p>
                <p className="mt-2">
                  {cents === null ? "Custom" : formatMoney(cents, plan.price.currency)} per {interval}
                </p>
                <p className="mt-1 text-sm">
                  {formatNumber(plan.limits.linksPerMonth ?? 0)} links a month, {formatNumber(plan.limits.members ?? 0)} members
                </p>
                {action === "current" ? (
                  <p className="mt-3 font-medium">Your plan</p>
                ) : (
                  <Button
                    className="mt-3"
                    variant="primary"
                    pending={change.isPending && change.variables === plan.id}
                    onClick={() => change.mutate(plan.id)}
                  >
                    {action === "subscribe" ? `Upgrade to ${plan.name}` : `Switch to ${plan.name}`}
                  </Button>
                )}
              </Card>
            </li>
          );
        })}
      </ul>
      <p className="mt-3 text-sm text-muted">To go back to the free plan, cancel in Manage billing: the plan ends with the period paid for.</p>
    </section>
  );
}

function Invoices({ workspace }: { workspace: string }) {
  const invoices = useQuery({
    queryKey: keys.invoices(workspace),
    queryFn: () => unwrap(api.GET("/api/v1/workspaces/{slug}/billing/invoices", { params: { path: { slug: workspace } } })),
  });
  return (
    <section aria-labelledby="invoices-heading" className="mt-8">
      <h2 id="invoices-heading" className="mb-3 text-lg font-semibold">
        Invoices
      </h2>
      {invoices.isPending ? (
        <Loading label="Loading invoices…" />
      ) : invoices.isError ? (
        <ErrorState title="Could not load the invoices" error={invoices.error} onRetry={() => invoices.refetch()} />
      ) : invoices.data.invoices.length === 0 ? (
        <p className="text-sm">No invoices yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Number</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {invoices.data.invoices.map((invoice: Invoice) => (
              <tr key={invoice.id} className="border-t border-border">
                <td>{formatDate(invoice.created)}</td>
                <td>
                  {invoice.url ? (
                    <a href={invoice.url} target="_blank" rel="noreferrer">
                      {invoice.number ?? invoice.id}
                    </a>
                  ) : (
                    (invoice.number ?? invoice.id)
                  )}
                </td>
                <td>{formatMoney(invoice.status === "paid" ? invoice.amountPaid : invoice.amountDue, invoice.currency)}</td>
                <td>{invoice.status ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
