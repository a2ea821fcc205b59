"use client";

import type { WorkspaceSummary } from "@smo1/api-types";
import { usePathname, useRouter } from "next/navigation";
import { useId } from "react";
import { HOME, href } from "@/lib/navigation";
import { rememberWorkspace } from "@/lib/workspace";

/**
 * Picks the workspace of the pages. Switching opens the same section in the other workspace (a
 * link or key page of the old one would not exist there, so those go to the section's list).
 */
export function WorkspaceSwitcher({ workspaces, current }: { workspaces: readonly WorkspaceSummary[]; current: string | null }) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const listed = workspaces.some((w) => w.slug === current);

  function change(slug: string) {
    rememberWorkspace(slug);
    const section = pathname.startsWith("/links/") ? "/links/" : pathname === "/" ? HOME : pathname;
    router.push(href(section, slug));
  }

  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-muted">
        Workspace
      </label>
      <select
        id={id}
        value={current ?? ""}
        onChange={(event) => change(event.target.value)}
        className="max-w-52 rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-fg"
      >
        {current === null ? <option value="">Choose…</option> : null}
        {!listed && current ? <option value={current}>{current}</option> : null}
        {workspaces.map((w) => (
          <option key={w.slug} value={w.slug}>
            {w.name}
          </option>
        ))}
      </select>
    </div>
  );
}
