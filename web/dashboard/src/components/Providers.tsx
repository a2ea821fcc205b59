"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ApiRequestError, isUnauthenticated } from "@/lib/errors";
import { BASE_PATH, loginHref } from "@/lib/navigation";

/** A session that ended (expired, revoked, logged out elsewhere) sends the user to log in, then back. */
function toLogin(error: unknown) {
  if (!isUnauthenticated(error) || typeof window === "undefined") return;
  const path = window.location.pathname;
  const inside = path.startsWith(BASE_PATH) ? path.slice(BASE_PATH.length) : path;
  if (inside.startsWith("/login")) return;
  window.location.assign(BASE_PATH + loginHref(inside + window.location.search));
}

export function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: toLogin }),
    mutationCache: new MutationCache({ onError: toLogin }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // a 4xx will not change by asking again; 5xx and network errors get two more tries
        retry: (count, error) =>
          count < 2 && !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
