"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { Loading } from "@/components/States";
import { HOME, href } from "@/lib/navigation";

/** /app/ opens the links of the workspace (the shell picks one when the URL names none). */
export function Home() {
  const router = useRouter();
  const workspace = useSearchParams().get("workspace");
  useEffect(() => {
    router.replace(href(HOME, workspace));
  }, [router, workspace]);
  return <Loading label="Opening your links…" />;
}
