/**
 * SMO1's plans, from the one file the pricing page and the node's billing both read
 * (`plans.json`, described by `plans.schema.json`). The test holds the file to its schema and to
 * the invariants a reader may rely on: unique ids, prices and limits that never fall from one plan
 * to the next, one currency.
 */
import file from "../plans.json";

export interface Price {
  /** ISO 4217 code, upper case. */
  currency: string;
  /** One month billed monthly, in the currency's minor unit; null: priced per agreement. */
  monthlyCents: number | null;
  /** One year billed yearly, in the currency's minor unit; null: priced per agreement. */
  yearlyCents: number | null;
}

/** Per workspace; null: none of the plan's own (enterprise: set per workspace). */
export interface Limits {
  linksPerMonth: number | null;
  trackedClicksPerMonth: number | null;
  customDomains: number | null;
  members: number | null;
  apiKeys: number | null;
  apiRequestsPerMinute: number | null;
  analyticsRetentionDays: number | null;
}

/** Features a plan turns on. */
export interface Capabilities {
  passwordLinks: boolean;
  rulesAndVariants: boolean;
  webhooks: boolean;
}

/** The Stripe prices of a self-serve paid plan. */
export interface StripePrices {
  monthlyPriceId: string;
  yearlyPriceId: string;
}

export interface Plan {
  /** Stable: stored with each workspace, never renamed or reused. */
  id: string;
  name: string;
  description: string;
  price: Price;
  limits: Limits;
  features: string[];
  capabilities: Capabilities;
  /** Bought in the dashboard through Stripe; false: arranged with SMO1. */
  selfServe: boolean;
  stripe?: StripePrices;
  highlighted?: boolean;
}

export interface PlansFile {
  format: number;
  plans: Plan[];
}

export const plansFile: PlansFile = file;

/** The plans in the order they are offered, cheapest first. */
export const plans: readonly Plan[] = plansFile.plans;

export function planById(id: string): Plan | undefined {
  return plans.find((plan) => plan.id === id);
}

/** The limits in the order a comparison shows them, with their names for people. */
export const limitLabels: ReadonlyArray<readonly [keyof Limits, string]> = [
  ["linksPerMonth", "Links per month"],
  ["trackedClicksPerMonth", "Tracked clicks per month"],
  ["customDomains", "Custom domains"],
  ["members", "Members"],
  ["apiKeys", "API keys"],
  ["apiRequestsPerMinute", "API requests per minute (per key)"],
  ["analyticsRetentionDays", "Analytics history (days)"],
];
