import { Suspense, type ReactNode } from "react";
import { Providers } from "@/components/Providers";
import { AppShell } from "@/components/shell/AppShell";
import { Loading } from "@/components/States";

// the query client lives in the groups' layouts, not the root one, so the budget's floor page
// (app/budget-floor) measures the framework alone
export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <Providers>
      <Suspense
        fallback={
          <main id="main" className="mx-auto max-w-6xl px-4 py-6">
            <Loading />
          </main>
        }
      >
        <AppShell>{children}</AppShell>
      </Suspense>
    </Providers>
  );
}
