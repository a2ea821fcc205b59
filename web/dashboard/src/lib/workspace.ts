// The current workspace lives in the URL (`?workspace=<slug>`, so a page can be shared and the
// back button works) and is remembered for the next visit.
import type { Role, WorkspaceSummary } from "@smo1/api-types";

const STORAGE_KEY = "smo1.workspace";

export function rememberWorkspace(slug: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, slug);
  } catch {
    // storage may be off (private mode, policies): the URL still holds it
  }
}

/** Forgets `slug` if it is the remembered one (the user left it, or it was deleted). */
export function forgetWorkspace(slug: string): void {
  try {
    if (localStorage.getItem(STORAGE_KEY) === slug) localStorage.removeItem(STORAGE_KEY);
  } catch {
    // as above
  }
}

export function rememberedWorkspace(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The workspace to open when the URL names none: the remembered one if still the user's, else the first. */
export function pickWorkspace(
  workspaces: readonly WorkspaceSummary[],
  remembered: string | null,
): string | undefined {
  if (remembered && workspaces.some((w) => w.slug === remembered)) return remembered;
  return workspaces[0]?.slug;
}

const ADMIN_ROLES: readonly Role[] = ["owner", "admin"] as Role[];
const WRITER_ROLES: readonly Role[] = ["owner", "admin", "member"] as Role[];
const LINK_READER_ROLES: readonly Role[] = ["owner", "admin", "member", "viewer"] as Role[];
const PAYER_ROLES: readonly Role[] = ["owner", "admin", "billing"] as Role[];

/** What a role may do (src-docs/api.md, scopes by role); the API checks it again on every call. */
export function permissions(role: Role | null | undefined) {
  if (role === null || role === undefined) return { readLinks: false, writeLinks: false, admin: false, owner: false, pay: false };
  return {
    /** subscribe, change the plan, open the billing portal, read invoices */
    pay: PAYER_ROLES.includes(role),
    readLinks: LINK_READER_ROLES.includes(role),
    writeLinks: WRITER_ROLES.includes(role),
    admin: ADMIN_ROLES.includes(role),
    owner: role === "owner",
  };
}
export type Permissions = ReturnType<typeof permissions>;

export const ROLES: readonly Role[] = ["owner", "admin", "member", "viewer", "billing"] as Role[];

export const ROLE_LABELS: Record<string, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
  billing: "Billing",
};
