import type { Metadata } from "next";
import { LoginPage } from "./LoginPage";

export const metadata: Metadata = { title: "Log in" };

export default function Page() {
  return <LoginPage />;
}
