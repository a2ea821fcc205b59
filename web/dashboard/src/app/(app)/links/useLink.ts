"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { keys } from "@/lib/queries";

/** One link, read from its entity (always current, unlike the list). */
export function useLink(workspace: string, code: string) {
  return useQuery({
    queryKey: keys.link(workspace, code),
    queryFn: () => unwrap(api.GET("/api/v1/links/{code}", { params: { path: { code }, query: { workspace } } })),
    enabled: Boolean(workspace && code),
  });
}
