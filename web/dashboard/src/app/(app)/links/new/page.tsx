import type { Metadata } from "next";
import { NewLinkPage } from "./NewLinkPage";

export const metadata: Metadata = { title: "Create link" };

export default function Page() {
  return <NewLinkPage />;
}
