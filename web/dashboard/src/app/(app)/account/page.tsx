import type { Metadata } from "next";
import { AccountPage } from "./AccountPage";

export const metadata: Metadata = { title: "Account settings" };

export default function Page() {
  return <AccountPage />;
}
