import type { Metadata } from "next";
import { WorkspaceSettingsPage } from "./WorkspaceSettingsPage";

export const metadata: Metadata = { title: "Workspace settings" };

export default function Page() {
  return <WorkspaceSettingsPage />;
}
