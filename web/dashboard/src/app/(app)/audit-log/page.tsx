import type { Metadata } from "next";
import { AuditLogPage } from "./AuditLogPage";

export const metadata: Metadata = { title: "Audit log" };

export default function Page() {
  return <AuditLogPage />;
}
