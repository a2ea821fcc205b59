import type { Metadata } from "next";
import { AcceptInvitationPage } from "./AcceptInvitationPage";

export const metadata: Metadata = { title: "Accept invitation" };

export default function Page() {
  return <AcceptInvitationPage />;
}
