"use client";

import { useEffect, useState } from "react";
import { buttonClass } from "./Button";

/** Copies `value`; says so in a live region (screen readers hear "Copied"). */
export function CopyButton({
  value,
  label = "Copy",
  accessibleLabel,
  className = "",
}: {
  value: string;
  label?: string;
  /** a name that tells copy buttons apart ("Copy short URL abc"); starts with the visible label */
  accessibleLabel?: string;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={copy} aria-label={accessibleLabel} className={buttonClass("secondary", "min-h-8 px-2 py-1 " + className)}>
        {label}
      </button>
      <span role="status" className="text-xs text-muted">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select and copy it" : ""}
      </span>
    </span>
  );
}
