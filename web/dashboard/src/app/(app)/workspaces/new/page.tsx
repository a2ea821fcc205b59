import type { Metadata } from "next";
import { NewWorkspacePage } from "./NewWorkspacePage";

export const metadata: Metadata = { title: "New workspace" };

export default function Page() {
  return <NewWorkspacePage />;
}
