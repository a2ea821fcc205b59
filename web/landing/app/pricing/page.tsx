import { limitLabels, plans } from "@smo1/plans";
import { links, pageMetadata } from "@/lib/site";
import { formatLimit, formatMoney, yearlySavingPercent } from "./format";

export const metadata = pageMetadata({
  title: "Pricing",
  description:
    "SMO1's plans: Free, Pro and Business, their monthly and yearly prices and what each allows — links, tracked clicks, members, API keys, analytics history and custom domains.",
  path: "/pricing/",
});

export default function Pricing() {
  return (
    <>
      <h1 className="text-4xl font-bold tracking-tight">Pricing</h1>
      <p className="mt-4 max-w-2xl text-lg text-muted">
        Every plan redirects from the edge and counts clicks exactly once. Plans differ in how much
        you can create, track and keep.
      </p>
      <p className="mt-4 max-w-2xl rounded-md border border-line bg-surface p-4 text-sm">
        Billing is not open yet: these are the plans SMO1 will offer when it opens. Custom domains
        are not available yet either.
      </p>

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
    </>
  );
}
