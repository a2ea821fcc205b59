import type { Rule, Variant } from "@smo1/api-types";
import { formatDateTime, formatPercent } from "@/lib/format";
import { describeConditions, shares } from "@/lib/routing";

function Target({ url }: { url: string }) {
  return (
    <a href={url} rel="noopener noreferrer" target="_blank" className="break-all">
      {url}
    </a>
  );
}

/** The link's rules in order, each as a sentence: "Device is mobile and country is DE → https://…". */
export function RulesSummary({ rules }: { rules: readonly Rule[] }) {
  if (rules.length === 0) return <>None</>;
  return (
    <ol aria-label="Targeting rules" className="list-decimal space-y-1 pl-5">
      {rules.map((rule, i) => (
        <li key={i}>
          {describeConditions(rule.when, formatDateTime)} <span aria-hidden="true">→</span>
          <span className="sr-only">: goes to</span> <Target url={rule.target} />
        </li>
      ))}
    </ol>
  );
}

/** The A/B test: each variant with its weight and share of new visitors, and its end. */
export function AbTestSummary({ variants, until }: { variants: readonly Variant[]; until: string | null }) {
  if (variants.length === 0) return <>None</>;
  const split = shares(variants.map((variant) => variant.weight));
  return (
    <div className="space-y-1">
      <ol aria-label="Variants" className="list-decimal space-y-1 pl-5">
        {variants.map((variant, i) => {
          const share = split[i];
          return (
            <li key={i}>
              <Target url={variant.target} />{" "}
              <span className="text-sm text-muted">
                weight {variant.weight}, {share ? `${formatPercent(share)} of new visitors` : "no new visitors"}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="text-sm text-muted">
        {until ? `Runs until ${formatDateTime(until)} (then every visitor no rule takes goes to the target).` : "Runs until changed."}
      </p>
    </div>
  );
}
