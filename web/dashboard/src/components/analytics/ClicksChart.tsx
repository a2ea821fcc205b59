"use client";

// Loaded lazily (next/dynamic): Recharts is the heaviest dependency and only analytics views need it.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartPoint {
  label: string;
  clicks: number;
}

export default function ClicksChart({ points }: { points: ChartPoint[] }) {
  return (
    <div aria-hidden="true" className="h-64 w-full text-muted">
      <BarChart
        responsive
        accessibilityLayer={false}
        style={{ width: "100%", height: "100%" }}
        data={points}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="label" tick={{ fill: "var(--muted)", fontSize: 12 }} stroke="var(--border)" minTickGap={16} />
        <YAxis allowDecimals={false} tick={{ fill: "var(--muted)", fontSize: 12 }} stroke="var(--border)" width={40} />
        <Tooltip
          cursor={{ fill: "var(--surface-2)" }}
          contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--fg)" }}
          labelStyle={{ color: "var(--fg)" }}
        />
        <Bar dataKey="clicks" name="Clicks" fill="var(--chart)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </div>
  );
}
