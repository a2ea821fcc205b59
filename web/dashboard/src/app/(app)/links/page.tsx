import type { Metadata } from "next";
import { LinksPage } from "./LinksPage";

export const metadata: Metadata = { title: "Links" };

export default function Page() {
  return <LinksPage />;
}
