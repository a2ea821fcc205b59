import type { Metadata } from "next";
import { FloorProbe } from "./floor-probe";

/**
 * Not a page of the site: the JavaScript budget's floor. `packages/config/scripts/budgets.mjs`
 * measures what this page ships (the framework, nothing else) and deletes it from `out/`, so it is
 * never served. Every other page's budget counts above it.
 */
export const metadata: Metadata = {
  title: "Budget floor",
  robots: { index: false, follow: false },
};

export default function BudgetFloor() {
  return (
    <>
      <h1>Budget floor</h1>
      <FloorProbe />
    </>
  );
}
