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
  domains: (slug: string) => ["workspace", slug, "domains"] as const,
  billing: (slug: string) => ["workspace", slug, "billing"] as const,
  usage: (slug: string) => ["workspace", slug, "usage"] as const,
  invoices: (slug: string) => ["workspace", slug, "invoices"] as const,
  plans: ["plans"] as const,
  auditLog: (slug: string, cursor: string | undefined) => ["workspace", slug, "audit-log", cursor ?? null] as const,
  links: (slug: string) => ["links", slug] as const,
  linkList: (slug: string, filters: object, cursor: string | undefined) => ["links", slug, "list", filters, cursor ?? null] as const,
  // a code names a link on one domain (null: the default domain); the same code may be on another
  link: (slug: string, code: string, domain: string | null) => ["links", slug, "link", domain, code] as const,
  qrCode: (slug: string, code: string, domain: string | null, params: object) => ["links", slug, "qr", domain, code, params] as const,
  analytics: (slug: string, code: string | null, domain: string | null, params: object) => ["analytics", slug, domain, code, params] as const,
};

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: () => unwrap(api.GET("/api/v1/me")),
    staleTime: 60_000,
  });
}

/**
 * The user's workspaces. The list is eventually consistent (a workspace just created or joined
 * shows within about a second), so while `expected` is missing from it, it is asked again a few
 * times.
 */
export function useWorkspaces(enabled = true, expected?: string | null) {
  return useQuery({
    queryKey: keys.workspaces,
    queryFn: () => unwrap(api.GET("/api/v1/workspaces")),
    enabled,
    refetchInterval: (query) =>
      expected && query.state.data && !query.state.data.items.some((w) => w.slug === expected) && query.state.dataUpdateCount < 6
        ? 1000
        : false,
  });
}

/** The workspace's custom domains (every role may read them). */
export function useDomains(slug: string, enabled = true) {
  return useQuery({
    queryKey: keys.domains(slug),
    queryFn: () => unwrap(api.GET("/api/v1/workspaces/{slug}/domains", { params: { path: { slug } } })),
    enabled: enabled && slug !== "",
  });
}
