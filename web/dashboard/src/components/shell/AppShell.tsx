"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, type ReactNode } from "react";
import { isUnauthenticated } from "@/lib/errors";
import { href } from "@/lib/navigation";
import { useMe, useWorkspaces } from "@/lib/queries";
import { pickWorkspace, rememberWorkspace, rememberedWorkspace } from "@/lib/workspace";
import { buttonClass } from "../Button";
import { EmptyState, ErrorState, Loading } from "../States";
import { UserMenu } from "./UserMenu";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";
import { WorkspaceContext, currentFor } from "./WorkspaceContext";

/** Pages that work without a workspace in the URL. */
const WITHOUT_WORKSPACE = ["/account/", "/workspaces/new/", "/invitations/"];

/**
 * The signed-in frame: header (workspace switcher, navigation, user menu) and the page. Without a
 * session the global handler sends the user to log in; without `?workspace=` it opens the
 * remembered (or first) workspace.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const me = useMe();
  const search = useSearchParams();
  const workspaces = useWorkspaces(me.isSuccess, search.get("workspace"));
  const router = useRouter();
  const pathname = usePathname();
  const slug = search.get("workspace");
  const needsWorkspace = !WITHOUT_WORKSPACE.some((path) => pathname.startsWith(path));
  const items = useMemo(() => workspaces.data?.items ?? [], [workspaces.data]);

  useEffect(() => {
    if (slug || !workspaces.data) return;
    const pick = pickWorkspace(workspaces.data.items, rememberedWorkspace());
    if (!pick) return;
    const params = new URLSearchParams(search);
    params.set("workspace", pick);
    router.replace(`${pathname}?${params}`);
  }, [slug, workspaces.data, search, pathname, router]);

  useEffect(() => {
    if (slug) rememberWorkspace(slug);
  }, [slug]);

  let body: ReactNode;
  if (me.isPending || (me.isSuccess && workspaces.isPending)) {
    body = <Loading />;
  } else if (me.isError) {
    body = isUnauthenticated(me.error) ? <Loading label="Going to the login page…" /> : <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  } else if (workspaces.isError) {
    body = <ErrorState error={workspaces.error} title="Could not load your workspaces" onRetry={() => workspaces.refetch()} />;
  } else if (needsWorkspace && !slug) {
    body =
      items.length === 0 ? (
        <EmptyState title="You are not in any workspace">
          <Link className={buttonClass("primary", "mt-2")} href="/workspaces/new/">
            Create a workspace
          </Link>
        </EmptyState>
      ) : (
        <Loading />
      );
  } else {
    body = children;
  }

  const current = me.data ? currentFor(me.data, slug, items) : null;
  const nav = [
    { path: "/links/", label: "Links", show: true },
    { path: "/analytics/", label: "Analytics", show: current?.can.readLinks ?? false },
    { path: "/domains/", label: "Domains", show: true },
    { path: "/members/", label: "Members", show: true },
    { path: "/billing/", label: "Billing", show: true },
    { path: "/api-keys/", label: "API keys", show: current?.can.admin ?? false },
    { path: "/webhooks/", label: "Webhooks", show: current?.can.admin ?? false },
    { path: "/audit-log/", label: "Audit log", show: current?.can.admin ?? false },
    { path: "/workspace-settings/", label: "Settings", show: current?.can.admin ?? false },
    { path: "/abuse/", label: "Abuse reports", show: me.data?.platformAdmin ?? false },
  ].filter((item) => item.show);

  return (
    <WorkspaceContext.Provider value={current}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:p-2"
      >
        Skip to content
      </a>
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href={href("/links/", slug)} className="text-lg font-bold text-fg no-underline">
            SMO1
          </Link>
          {me.data ? <WorkspaceSwitcher workspaces={items} current={slug} /> : null}
          <div className="ml-auto">
            {me.data ? <UserMenu name={me.data.name} email={me.data.email} workspace={slug} /> : null}
          </div>
          {me.data && slug ? (
            <nav aria-label="Main" className="w-full">
              <ul className="flex flex-wrap gap-1">
                {nav.map((item) => {
                  const active = pathname.startsWith(item.path);
                  return (
                    <li key={item.path}>
                      <Link
                        href={href(item.path, slug)}
                        aria-current={active ? "page" : undefined}
                        className={
                          "block rounded-md px-3 py-2 text-sm font-medium no-underline " +
                          (active ? "bg-accent-soft text-fg" : "text-fg hover:bg-surface-2")
                        }
                      >
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none">
        {body}
      </main>
    </WorkspaceContext.Provider>
  );
}
