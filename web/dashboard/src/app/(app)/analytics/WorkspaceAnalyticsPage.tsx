"use client";

import { AnalyticsPanel } from "@/components/analytics/AnalyticsPanel";
import { PageHeader } from "@/components/States";
import { useCurrent } from "@/components/shell/WorkspaceContext";

export function WorkspaceAnalyticsPage() {
  const { slug, workspace } = useCurrent();
  return (
    <>
      <PageHeader title="Analytics" description={`Clicks of every link in ${workspace?.name ?? slug}. Bots are left out unless you include them.`} />
      <AnalyticsPanel workspace={slug ?? ""} />
    </>
  );
}
