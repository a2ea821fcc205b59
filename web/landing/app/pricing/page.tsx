import { plans } from "@smo1/plans";
import { pageMetadata } from "@/lib/site";
import { PlanList } from "./plan-list";

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
        Paid plans are billed monthly or yearly by card through Stripe, and changed or cancelled
        from the dashboard&apos;s Billing page at any time; a cancelled plan runs to the end of the
        period paid for. Enterprise limits are set with us.
      </p>

      <PlanList initial={plans} />
    </>
  );
}
