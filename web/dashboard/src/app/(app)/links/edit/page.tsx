import type { Metadata } from "next";
import { EditLinkPage } from "./EditLinkPage";

export const metadata: Metadata = { title: "Edit link" };

export default function Page() {
  return <EditLinkPage />;
}
