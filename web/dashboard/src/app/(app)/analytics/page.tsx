import type { Metadata } from "next";
import { WorkspaceAnalyticsPage } from "./WorkspaceAnalyticsPage";

export const metadata: Metadata = { title: "Analytics" };

export default function Page() {
  return <WorkspaceAnalyticsPage />;
}
