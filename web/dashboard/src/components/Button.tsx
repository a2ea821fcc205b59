import type { ButtonHTMLAttributes } from "react";

export type Variant = "primary" | "secondary" | "danger" | "ghost";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-accent text-accent-fg hover:brightness-110 border border-transparent",
  secondary: "bg-surface text-fg border border-border hover:bg-surface-2",
  danger: "bg-danger text-danger-fg hover:brightness-110 border border-transparent",
  ghost: "text-fg hover:bg-surface-2 border border-transparent",
};

export function buttonClass(variant: Variant = "secondary", extra = ""): string {
  return (
    "inline-flex min-h-10 items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium " +
    "no-underline transition disabled:cursor-not-allowed disabled:opacity-60 " +
    VARIANTS[variant] +
    (extra ? " " + extra : "")
  );
}

export function Button({
  variant = "secondary",
  className = "",
  type = "button",
  pending = false,
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; pending?: boolean }) {
  return (
    <button
      type={type}
      className={buttonClass(variant, className)}
      disabled={props.disabled || pending}
      aria-busy={pending || undefined}
      {...props}
    >
      {children}
    </button>
  );
}
