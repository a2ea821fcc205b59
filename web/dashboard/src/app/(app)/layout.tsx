import { Suspense, type ReactNode } from "react";
import { AppShell } from "@/components/shell/AppShell";
import { Loading } from "@/components/States";

export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          <Loading />
        </main>
      }
    >
      <AppShell>{children}</AppShell>
    </Suspense>
  );
}
