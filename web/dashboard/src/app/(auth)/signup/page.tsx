import type { Metadata } from "next";
import { SignupPage } from "./SignupPage";

export const metadata: Metadata = { title: "Sign up" };

export default function Page() {
  return <SignupPage />;
}
