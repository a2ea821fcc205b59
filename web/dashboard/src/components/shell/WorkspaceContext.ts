"use client";

import type { Me, WorkspaceSummary } from "@smo1/api-types";
import { createContext, useContext } from "react";
import { permissions, type Permissions } from "@/lib/workspace";

export interface CurrentWorkspace {
  me: Me;
  /** the slug in the URL (may be one the list does not show yet: a workspace just created) */
  slug: string | null;
  workspace: WorkspaceSummary | undefined;
  can: Permissions;
}

export const WorkspaceContext = createContext<CurrentWorkspace | null>(null);

/** The signed-in user and the workspace of the page; only inside the app shell. */
export function useCurrent(): CurrentWorkspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useCurrent() outside the app shell");
  return value;
}

export function currentFor(me: Me, slug: string | null, workspaces: readonly WorkspaceSummary[]): CurrentWorkspace {
  const workspace = workspaces.find((w) => w.slug === slug) ?? me.workspaces.find((w) => w.slug === slug);
  // a workspace not listed yet (just created: the list is eventually consistent) is the creator's
  const role = workspace?.role ?? (slug ? ("owner" as WorkspaceSummary["role"]) : undefined);
  return { me, slug, workspace, can: permissions(role) };
}
