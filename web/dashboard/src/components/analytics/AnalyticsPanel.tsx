"use client";

import type { Analytics, AnalyticsDimension, TopValue } from "@smo1/api-types";
import dynamic from "next/dynamic";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useMemo, useState, type FormEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api";
import {
  PRESETS,
  PRESET_LABELS,
  browserTimeZone,
  checkCustomRange,
  dateIn,
  rangeFromSearch,
  rangeParams,
  rangeToSearch,
  type RangeChoice,
} from "@/lib/analytics-range";
import { unwrap } from "@/lib/errors";
import { countryName, formatDateTime, formatNumber } from "@/lib/format";
import { linkQuery } from "@/lib/link-domain";
import { keys } from "@/lib/queries";
import { Button } from "../Button";
import { TextField } from "../Field";
import { ErrorState, Loading } from "../States";
import type { ChartPoint } from "./ClicksChart";

const ClicksChart = dynamic(() => import("./ClicksChart"), {
  ssr: false,
  loading: () => <div className="h-64 w-full animate-pulse rounded bg-surface-2 motion-reduce:animate-none" />,
});

type Dimension = {
  key: AnalyticsDimension;
  title: string;
  unknown: string;
  format?: (value: string) => string;
  /** Only in one link's analytics: a rule's or variant's position means nothing across links. */
  linkOnly?: boolean;
};

const DIMENSIONS: Dimension[] = [
  { key: "country", title: "Countries", unknown: "Unknown", format: countryName },
  { key: "referrer", title: "Referrers", unknown: "Direct or unknown" },
  { key: "device", title: "Devices", unknown: "Unknown" },
  { key: "browser", title: "Browsers", unknown: "Unknown" },
  { key: "os", title: "Operating systems", unknown: "Unknown" },
  { key: "utmSource", title: "UTM sources", unknown: "None" },
  { key: "trigger", title: "How visitors came", unknown: "Unknown", format: (value) => (value === "qr" ? "Scanned QR code" : "Followed the link") },
  { key: "rule", title: "Targeting rules", unknown: "No rule matched", format: (value) => `Rule ${value}`, linkOnly: true },
  { key: "variant", title: "A/B test variants", unknown: "Not in the test", format: (value) => `Variant ${value}`, linkOnly: true },
];

/**
 * Click analytics of one link (`code`) or of the whole workspace: range (kept in the URL), totals,
 * the series as a chart and as a table, and the top values of each dimension. Times are in the
 * browser's time zone, which the API buckets by. `domain`: the custom domain of the link, or of the
 * workspace's links counted (null or absent: the default domain).
 */
export function AnalyticsPanel({
  workspace,
  code,
  domain = null,
  headingLevel = 2,
}: {
  workspace: string;
  code?: string;
  domain?: string | null;
  headingLevel?: 2 | 3;
}) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const choice = rangeFromSearch(search);
  const bots = search.get("bots") === "include";
  const timeZone = useMemo(() => browserTimeZone(), []);
  const [refreshed, setRefreshed] = useState(0);
  const choiceKey = JSON.stringify(choice);
  // "now" moves only when the range changes or on refresh, so the query key stays put
  const params = useMemo(
    () => ({ ...rangeParams(JSON.parse(choiceKey) as RangeChoice, new Date(), timeZone), ...(bots ? { bots: "include" as const } : {}) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [choiceKey, bots, timeZone, refreshed],
  );
  const report = useQuery({
    queryKey: keys.analytics(workspace, code ?? null, domain, params),
    queryFn: () =>
      unwrap(
        code
          ? api.GET("/api/v1/links/{code}/analytics", { params: { path: { code }, query: { ...linkQuery(workspace, domain), ...params } } })
          : api.GET("/api/v1/analytics", { params: { query: { ...linkQuery(workspace, domain), ...params } } }),
      ),
    placeholderData: keepPreviousData,
    enabled: Boolean(workspace),
  });

  function choose(next: RangeChoice) {
    router.replace(`${pathname}?${rangeToSearch(next, search)}`, { scroll: false });
  }
  function setBots(include: boolean) {
    const next = new URLSearchParams(search);
    if (include) next.set("bots", "include");
    else next.delete("bots");
    router.replace(`${pathname}?${next}`, { scroll: false });
  }

  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <div className="space-y-5">
      <RangePicker choice={choice} timeZone={timeZone} onChoose={choose} />
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-5 accent-[var(--accent)]" checked={bots} onChange={(e) => setBots(e.target.checked)} />
          Include bots
        </label>
        <Button onClick={() => setRefreshed((n) => n + 1)} pending={report.isFetching}>
          Refresh
        </Button>
        <p className="text-sm text-muted">Times in {timeZone}</p>
      </div>
      {report.isPending ? (
        <Loading label="Loading analytics…" />
      ) : report.isError ? (
        <ErrorState title="Could not load the analytics" error={report.error} onRetry={() => report.refetch()} />
      ) : (
        <Report data={report.data} H={H} Sub={Sub} busy={report.isFetching} />
      )}
    </div>
  );
}

function RangePicker({ choice, timeZone, onChoose }: { choice: RangeChoice; timeZone: string; onChoose: (choice: RangeChoice) => void }) {
  // the choice shows at once; the URL (and so the report) follows
  const fromUrl = choice.kind === "custom" ? "custom" : choice.preset;
  const [selected, setSelected] = useState<string>(fromUrl);
  const [lastFromUrl, setLastFromUrl] = useState(fromUrl);
  if (fromUrl !== lastFromUrl) {
    // the URL changed (back button, a link): follow it
    setLastFromUrl(fromUrl);
    setSelected(fromUrl);
  }
  const today = dateIn(new Date(), timeZone);
  const [from, setFrom] = useState(choice.kind === "custom" ? choice.from : "");
  const [to, setTo] = useState(choice.kind === "custom" ? choice.to : today);
  const [error, setError] = useState<{ field: "from" | "to"; message: string }>();
  const name = useId();

  function apply(event: FormEvent) {
    event.preventDefault();
    const problem = checkCustomRange(from, to);
    setError(problem);
    if (!problem) onChoose({ kind: "custom", from, to });
  }

  const option = "flex cursor-pointer items-center gap-2 rounded-md border border-border px-3 py-2 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus";
  return (
    <div className="space-y-3">
      <fieldset>
        <legend className="mb-2 text-sm font-medium">Range</legend>
        <div className="flex flex-wrap gap-2">
          {PRESETS.map((preset) => (
            <label key={preset} className={option}>
              <input
                type="radio"
                name={name}
                value={preset}
                checked={selected === preset}
                onChange={() => {
                  setSelected(preset);
                  onChoose({ kind: "preset", preset });
                }}
                className="accent-[var(--accent)]"
              />
              {PRESET_LABELS[preset]}
            </label>
          ))}
          <label className={option}>
            <input type="radio" name={name} value="custom" checked={selected === "custom"} onChange={() => setSelected("custom")} className="accent-[var(--accent)]" />
            Custom range
          </label>
        </div>
      </fieldset>
      {selected === "custom" ? (
        <form onSubmit={apply} noValidate className="flex flex-wrap items-end gap-3">
          <TextField label="From" type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} error={error?.field === "from" ? error.message : undefined} />
          <TextField label="To (inclusive)" type="date" value={to} onChange={(e) => setTo(e.target.value)} error={error?.field === "to" ? error.message : undefined} />
          <Button type="submit" variant="primary">
            Apply range
          </Button>
        </form>
      ) : null}
    </div>
  );
}

function bucketLabel(start: string, interval: Analytics["interval"]): string {
  const date = new Date(start);
  return interval === "hour"
    ? date.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })
    : date.toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

function Report({ data, H, Sub, busy }: { data: Analytics; H: "h2" | "h3"; Sub: "h3" | "h4"; busy: boolean }) {
  const points: ChartPoint[] = data.series.map((bucket) => ({ label: bucketLabel(bucket.start, data.interval), clicks: bucket.clicks }));
  const range = `${formatDateTime(data.from)} – ${formatDateTime(data.to)}`;
  return (
    <div className="space-y-6" aria-busy={busy}>
      <section aria-label="Totals" className="grid grid-cols-2 gap-3 sm:max-w-md">
        <Total label="Clicks" value={formatNumber(data.totals.clicks)} />
        <Total
          label="Unique visitors"
          value={(data.totals.uniqueVisitorsExact ? "" : "≈ ") + formatNumber(data.totals.uniqueVisitors)}
          note="Counted per day: a visitor who returns on another day counts again."
        />
      </section>
      <section className="rounded-lg border border-border bg-surface p-4">
        <H className="mb-1 text-lg font-semibold">Clicks over time</H>
        <p className="mb-3 text-sm text-muted">
          {range}, per {data.interval}
          {data.botsIncluded ? ", bots included" : ""}
        </p>
        {data.totals.clicks === 0 ? (
          <p className="py-8 text-center text-muted">No clicks in this range.</p>
        ) : (
          <>
            <ClicksChart points={points} />
            <details className="mt-3">
              <summary className="cursor-pointer text-sm">Show the numbers</summary>
              <table className="mt-2 w-full text-sm">
                <caption className="sr-only">Clicks per {data.interval}</caption>
                <thead>
                  <tr className="text-left text-muted">
                    <th scope="col" className="py-1 font-medium">{data.interval === "hour" ? "Hour" : "Day"}</th>
                    <th scope="col" className="py-1 text-right font-medium">Clicks</th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((point, i) => (
                    <tr key={i} className="border-t border-border">
                      <td className="py-1">{point.label}</td>
                      <td className="py-1 text-right tabular-nums">{formatNumber(point.clicks)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </section>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {DIMENSIONS.filter((dimension) => (data.code ?? null) !== null || !dimension.linkOnly).map((dimension) => (
          <TopList key={dimension.key} Sub={Sub} title={dimension.title} unknown={dimension.unknown} format={dimension.format} values={data.top[dimension.key]} total={data.totals.clicks} />
        ))}
      </div>
    </div>
  );
}

function Total({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-border bg-surface p-4">
      <p className="text-sm text-muted">{label}</p>
      <p className="text-2xl font-semibold tabular-nums">{value}</p>
      {note ? <p className="mt-1 text-xs text-muted">{note}</p> : null}
    </div>
  );
}

function TopList({
  Sub,
  title,
  unknown,
  format,
  values,
  total,
}: {
  Sub: "h3" | "h4";
  title: string;
  unknown: string;
  format?: ((value: string) => string) | undefined;
  values: TopValue[];
  total: number;
}) {
  return (
    <section className="rounded-lg border border-border bg-surface p-4">
      <Sub className="mb-2 font-semibold">{title}</Sub>
      {values.length === 0 ? (
        <p className="text-sm text-muted">No data.</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th scope="col">{title}</th>
              <th scope="col">Clicks</th>
            </tr>
          </thead>
          <tbody>
            {values.map((row) => {
              const share = total > 0 ? Math.round((row.clicks / total) * 100) : 0;
              return (
                <tr key={row.value ?? "\u0000"} className="border-t border-border first:border-t-0">
                  <td className="py-1.5 pr-2">
                    <span className="block break-all">{row.value === null ? <em className="text-muted">{unknown}</em> : format ? format(row.value) : row.value}</span>
                    <span aria-hidden="true" className="mt-1 block h-1 rounded bg-[var(--chart)]" style={{ width: `${Math.max(share, 1)}%` }} />
                  </td>
                  <td className="py-1.5 text-right align-top tabular-nums">{formatNumber(row.clicks)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
