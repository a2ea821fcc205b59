// Dates and numbers as the browser's locale writes them.
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return "—";
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function formatDate(instant: string | null | undefined): string {
  if (!instant) return "—";
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return date.toLocaleDateString(undefined, { dateStyle: "medium" });
}

export function formatNumber(value: number): string {
  return value.toLocaleString();
}

/** 0.333… → "33.3%" (as the browser's locale writes it). */
export function formatPercent(share: number): string {
  return share.toLocaleString(undefined, { style: "percent", maximumFractionDigits: 1 });
}

let regionNames: Intl.DisplayNames | null | undefined;

/** "DE" → "Germany" in the browser's language; the code itself when unknown. */
export function countryName(code: string): string {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(undefined, { type: "region" });
    } catch {
      regionNames = null;
    }
  }
  try {
    return regionNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** An amount in a currency's minor unit: 1200 USD → "$12.00" (as the browser's locale writes it). */
export function formatMoney(minor: number, currency: string): string {
  return (minor / 100).toLocaleString(undefined, { style: "currency", currency: currency.toUpperCase() });
}
