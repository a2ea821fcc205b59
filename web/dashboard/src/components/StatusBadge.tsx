import type { LinkStatus } from "@smo1/api-types";

const STYLES: Record<LinkStatus, string> = {
  active: "border-success text-success",
  disabled: "border-muted text-muted",
  expired: "border-warning text-warning",
  deleted: "border-danger text-danger",
  exhausted: "border-warning text-warning",
  blocked: "border-danger text-danger",
};

const LABELS: Record<LinkStatus, string> = {
  active: "Active",
  disabled: "Disabled",
  expired: "Expired",
  deleted: "Deleted",
  exhausted: "Used up",
  blocked: "Taken down",
};

export function StatusBadge({ status }: { status: LinkStatus }) {
  return (
    <span
      className={
        "inline-flex items-center rounded-full border bg-surface px-2 py-0.5 text-xs font-semibold " +
        (STYLES[status] ?? "border-border text-fg")
      }
    >
      {LABELS[status] ?? status}
    </span>
  );
}
