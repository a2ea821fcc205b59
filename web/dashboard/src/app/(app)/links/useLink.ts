"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { linkQuery } from "@/lib/link-domain";
import { keys } from "@/lib/queries";

/**
 * One link, read from its entity (always current, unlike the list): `code` on the custom `domain`,
 * or on the default domain when it is null.
 */
export function useLink(workspace: string, code: string, domain: string | null) {
  return useQuery({
    queryKey: keys.link(workspace, code, domain),
    queryFn: () => unwrap(api.GET("/api/v1/links/{code}", { params: { path: { code }, query: linkQuery(workspace, domain) } })),
    enabled: Boolean(workspace && code),
  });
}
