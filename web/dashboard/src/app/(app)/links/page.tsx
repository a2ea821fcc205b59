import type { Metadata } from "next";

export const metadata: Metadata = { title: "Links" };

export default function Page() {
  return <h1>Links</h1>;
}
