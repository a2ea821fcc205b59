import { Suspense, type ReactNode } from "react";
import { Providers } from "@/components/Providers";
import { Loading } from "@/components/States";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <Providers>
      <div className="flex min-h-screen flex-col items-center px-4 py-10 sm:py-16">
        <p className="mb-6 text-2xl font-bold" aria-hidden="true">
          SMO1
        </p>
        <main id="main" className="w-full max-w-md rounded-lg border border-border bg-surface p-6 shadow-sm sm:p-8">
          <Suspense fallback={<Loading />}>{children}</Suspense>
        </main>
      </div>
    </Providers>
  );
}
