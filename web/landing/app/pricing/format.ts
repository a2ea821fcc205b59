import type { Price } from "@smo1/plans";

/** A price in cents as people read it: `$12`, or `$12.50` when it has cents. */
export function formatMoney(cents: number, currency: string): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(cents / 100);
}

/** What paying for a year saves against twelve months, in whole percent (0 when nothing). */
export function yearlySavingPercent(price: Price): number {
  if (price.monthlyCents === null || price.yearlyCents === null) {
    return 0;
  }
  const twelveMonths = 12 * price.monthlyCents;
  return twelveMonths === 0 ? 0 : Math.round((100 * (twelveMonths - price.yearlyCents)) / twelveMonths);
}

/** A plan's limit: a number, "None" for 0, "Custom" for null (set per workspace). */
export function formatLimit(value: number | null): string {
  if (value === null) {
    return "Custom";
  }
  return value === 0 ? "None" : new Intl.NumberFormat("en-US").format(value);
}
