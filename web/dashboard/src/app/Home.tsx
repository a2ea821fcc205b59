"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { Loading } from "@/components/States";
import { HOME, href } from "@/lib/navigation";

/**
 * /app/ opens the links of the workspace (the shell picks one when the URL names none). The node
 * also answers any /app path without an exported page with this page (decision 0014): such a
 * path is not a view of this dashboard (ids are query parameters), so it says so.
 */
export function Home() {
  const router = useRouter();
  const pathname = usePathname();
  const workspace = useSearchParams().get("workspace");
  const root = pathname === "/" || pathname === "";
  useEffect(() => {
    if (root) router.replace(href(HOME, workspace));
  }, [root, router, workspace]);
  if (root) return <Loading label="Opening your links…" />;
  return (
    <>
      <h2 className="text-2xl font-semibold">Page not found</h2>
      <p className="mt-2 text-muted">This page of the dashboard does not exist.</p>
      <p className="mt-4">
        <Link href={href(HOME, workspace)}>Go to your links</Link>
      </p>
    </>
  );
}
