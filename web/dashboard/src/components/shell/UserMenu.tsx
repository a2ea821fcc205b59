"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { href } from "@/lib/navigation";
import { buttonClass } from "../Button";

/** The user's disclosure menu: who is signed in, account settings, a new workspace, log out. */
export function UserMenu({ name, email, workspace }: { name: string; email: string; workspace: string | null }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/logout")),
    onSettled: () => {
      queryClient.clear();
      router.replace("/login/");
    },
  });

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        toggle.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !toggle.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const item = "block w-full rounded px-3 py-2 text-left text-sm text-fg no-underline hover:bg-surface-2";
  return (
    <div className="relative">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        className={buttonClass("ghost", "max-w-48")}
      >
        <span className="truncate">{name}</span>
        <span className="sr-only"> – account menu</span>
        <span aria-hidden="true">▾</span>
      </button>
      <div
        ref={panel}
        id={menuId}
        hidden={!open}
        className="absolute right-0 z-20 mt-1 w-64 rounded-md border border-border bg-surface p-1 shadow-lg"
      >
        <p className="truncate px-3 py-2 text-sm text-muted">{email}</p>
        <Link className={item} href={href("/account/", workspace)} onClick={() => setOpen(false)}>
          Account settings
        </Link>
        <Link className={item} href={href("/workspaces/new/", workspace)} onClick={() => setOpen(false)}>
          New workspace
        </Link>
        <button type="button" className={item} onClick={() => logout.mutate()} disabled={logout.isPending}>
          {logout.isPending ? "Logging out…" : "Log out"}
        </button>
      </div>
    </div>
  );
}
