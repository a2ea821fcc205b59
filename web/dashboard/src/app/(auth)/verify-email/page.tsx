import type { Metadata } from "next";
import { VerifyEmailPage } from "./VerifyEmailPage";

export const metadata: Metadata = { title: "Verify your email" };

export default function Page() {
  return <VerifyEmailPage />;
}
