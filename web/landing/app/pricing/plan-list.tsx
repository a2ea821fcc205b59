"use client";

import type { Plan } from "@smo1/plans";
import { limitLabels } from "@smo1/plans";
import { useEffect, useState } from "react";
import { links } from "@/lib/site";
import { formatLimit, formatMoney, yearlySavingPercent } from "./format";

/**
 * The plans and their limits: rendered at build time from the plans file, then from the node's
 * `GET /api/v1/plans` (the same file, as the running node has it) once it answers. Where the API
 * does not answer (the site served alone), the built plans stay.
 */
export function PlanList({ initial }: { initial: readonly Plan[] }) {
  const [plans, setPlans] = useState<readonly Plan[]>(initial);
  const [source, setSource] = useState<"build" | "api">("build");
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/v1/plans", { signal: controller.signal, headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<{ plans: Plan[] }>) : null))
      .then((answer) => {
        if (answer && Array.isArray(answer.plans) && answer.plans.length > 0) {
          setPlans(answer.plans);
          setSource("api");
        }
      })
      .catch(() => {
        // the built plans stay
      });
    return () => controller.abort();
  }, []);
  return (
    <div data-plans-source={source}>
      <ul className="mt-10 grid gap-6 md:grid-cols-2 xl:grid-cols-4">
          {plans.map((plan) => {
            const { currency, monthlyCents, yearlyCents } = plan.price;
            const saving = yearlySavingPercent(plan.price);
            return (
              <li
                key={plan.id}
                className={`flex flex-col rounded-lg border p-6 ${
                  plan.highlighted ? "border-accent border-2" : "border-line"
                }`}
              >
                <h2 className="text-xl font-bold">
                  {plan.name}
                  {plan.highlighted ? (
                    <span className="ml-2 align-middle text-sm font-semibold text-accent">
                      Recommended
                    </span>
                  ) : null}
                </h2>
                <p className="mt-2 text-muted">{plan.description}</p>
                <p className="mt-5">
                  {monthlyCents === null ? (
                    <span className="text-4xl font-bold">Custom</span>
                  ) : (
                    <>
                      <span className="text-4xl font-bold">{formatMoney(monthlyCents, currency)}</span>{" "}
                      <span className="text-muted">per month</span>
                    </>
                  )}
                </p>
                <p className="mt-1 text-sm text-muted">
                  {monthlyCents === null || yearlyCents === null
                    ? "Priced for your volumes."
                    : monthlyCents === 0
                      ? "Free for as long as you like."
                      : `or ${formatMoney(yearlyCents, currency)} per year${
                          saving > 0 ? ` (save ${saving} %)` : ""
                        }`}
                </p>
                <ul className="mt-5 flex-1 space-y-2">
                  {plan.features.map((feature) => (
                    <li key={feature} className="flex gap-2">
                      <span aria-hidden="true" className="text-accent">
                        ✓
                      </span>
                      {feature}
                    </li>
                  ))}
                </ul>
                <a
                  href={
                    plan.selfServe
                      ? `${links.signup}?plan=${encodeURIComponent(plan.id)}`
                      : "mailto:sales@smo1.dev?subject=SMO1%20Enterprise"
                  }
                  className={`mt-6 ${plan.highlighted ? "button-primary" : "button-secondary"}`}
                >
                  {!plan.selfServe
                    ? "Contact us"
                    : monthlyCents === 0
                      ? "Start for free"
                      : `Choose ${plan.name}`}
                  <span className="sr-only">{plan.selfServe ? " plan" : " about Enterprise"}</span>
                </a>
              </li>
            );
          })}
        </ul>
  
        <h2 id="limits-title" className="mt-16 text-2xl font-bold tracking-tight">
          Compare the limits
        </h2>
        <p className="mt-2 text-muted">Limits are per workspace; months are calendar months in UTC.</p>
        <div className="table-scroll mt-6" role="region" aria-labelledby="limits-title" tabIndex={0}>
          <table className="w-full min-w-[32rem] border-collapse text-left">
            <caption className="sr-only">Limits of each plan</caption>
            <thead>
              <tr className="border-b-2 border-line">
                <th scope="col" className="py-3 pr-4 font-semibold">
                  Limit
                </th>
                {plans.map((plan) => (
                  <th key={plan.id} scope="col" className="px-4 py-3 text-right font-semibold">
                    {plan.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {limitLabels.map(([limit, label]) => (
                <tr key={limit} className="border-b border-line">
                  <th scope="row" className="py-3 pr-4 font-normal">
                    {label}
                  </th>
                  {plans.map((plan) => (
                    <td key={plan.id} className="px-4 py-3 text-right tabular-nums">
                      {formatLimit(plan.limits[limit])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
    </div>
  );
}
