import type { Metadata } from "next";
import { LinkPage } from "./LinkPage";

export const metadata: Metadata = { title: "Link" };

export default function Page() {
  return <LinkPage />;
}
