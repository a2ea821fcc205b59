import type { Metadata } from "next";
import { AbusePage } from "./AbusePage";

export const metadata: Metadata = { title: "Abuse reports" };

export default function Page() {
  return <AbusePage />;
}
