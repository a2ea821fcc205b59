// Query keys and the queries several pages share. Every call goes through the one typed client.
import { useQuery } from "@tanstack/react-query";
import { api } from "./api";
import { unwrap } from "./errors";

export const keys = {
  me: ["me"] as const,
  workspaces: ["workspaces"] as const,
  workspace: (slug: string) => ["workspace", slug] as const,
  members: (slug: string) => ["workspace", slug, "members"] as const,
  apiKeys: (slug: string) => ["workspace", slug, "api-keys"] as const,
  auditLog: (slug: string, cursor: string | undefined) => ["workspace", slug, "audit-log", cursor ?? null] as const,
  links: (slug: string) => ["links", slug] as const,
  linkList: (slug: string, filters: object, cursor: string | undefined) => ["links", slug, "list", filters, cursor ?? null] as const,
  link: (slug: string, code: string) => ["links", slug, "link", code] as const,
  analytics: (slug: string, code: string | null, params: object) => ["analytics", slug, code, params] as const,
};

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: () => unwrap(api.GET("/api/v1/me")),
    staleTime: 60_000,
  });
}

export function useWorkspaces(enabled = true) {
  return useQuery({
    queryKey: keys.workspaces,
    queryFn: () => unwrap(api.GET("/api/v1/workspaces")),
    enabled,
  });
}
