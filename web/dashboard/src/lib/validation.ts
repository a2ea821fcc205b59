// Client-side checks that mirror the API's rules (src-docs/api.md), so a form says what is wrong
// before a round trip. The API stays the judge: its error is shown as it comes when it refuses
// something these checks let through (a common password, a reserved alias, a taken slug).
import type { CreateLinkBody, Link, RedirectType, UpdateLinkBody } from "@smo1/api-types";
import { checkTarget, instantToLocal, localToInstant } from "./link-fields";
import {
  rulesFormFrom,
  rulesOf,
  sameRules,
  sameVariants,
  validateRouting,
  variantsFormFrom,
  variantsOf,
  type RoutingValues,
} from "./routing";

export { checkTarget, instantToLocal, localToInstant } from "./link-fields";

export type Errors = Record<string, string>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function checkEmail(email: string): string | undefined {
  const value = email.trim();
  if (!value) return "Enter your email address.";
  if (value.length > 254 || !EMAIL.test(value)) return "Enter an email address like name@example.com.";
  return undefined;
}

/** 10 to 256 characters, not the email nor its local part (the API also refuses common ones). */
export function checkNewPassword(password: string, email?: string): string | undefined {
  if (password.length < 10) return "Use at least 10 characters.";
  if (password.length > 256) return "Use at most 256 characters.";
  if (email) {
    const lower = password.toLowerCase();
    const address = email.trim().toLowerCase();
    const local = address.split("@")[0] ?? "";
    if (lower === address || (local.length > 0 && lower === local)) {
      return "Do not use your email address as your password.";
    }
  }
  return undefined;
}

export function checkName(name: string, what = "name", max = 100): string | undefined {
  const length = name.trim().length;
  if (length === 0) return `Enter a ${what}.`;
  if (length > max) return `Use at most ${max} characters.`;
  return undefined;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** 3–48 lowercase letters, digits and single inner hyphens (the API also refuses reserved words). */
export function checkSlug(slug: string): string | undefined {
  if (slug.length < 3 || slug.length > 48) return "Use 3 to 48 characters.";
  if (!SLUG.test(slug)) return "Use lowercase letters, digits and single hyphens between them.";
  return undefined;
}

/** A slug suggested from a workspace name: "Ada & Co" → "ada-co". */
export function slugFrom(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
}

export function validateSignUp(values: { email: string; password: string; name: string }): Errors {
  const errors: Errors = {};
  const name = checkName(values.name, "name");
  if (name) errors.name = name;
  const email = checkEmail(values.email);
  if (email) errors.email = email;
  const password = checkNewPassword(values.password, values.email);
  if (password) errors.password = password;
  return errors;
}

export function validateLogIn(values: { email: string; password: string }): Errors {
  const errors: Errors = {};
  const email = checkEmail(values.email);
  if (email) errors.email = email;
  if (!values.password) errors.password = "Enter your password.";
  return errors;
}

// ---- links ----

const ALIAS = /^[A-Za-z0-9_-]{3,64}$/;
const TAG = /^[\p{L}\p{N}_\-.:]{1,40}$/u;
export const REDIRECT_TYPES: readonly RedirectType[] = [302, 301, 307, 308] as RedirectType[];

export function checkAlias(alias: string): string | undefined {
  if (!alias) return undefined;
  if (!ALIAS.test(alias)) return "Use 3 to 64 letters, digits, '_' or '-'.";
  return undefined;
}

/** Tags as typed: separated by commas or spaces, duplicates dropped. */
export function parseTags(input: string): string[] {
  return [...new Set(input.split(/[\s,]+/).filter((tag) => tag.length > 0))];
}

export function checkTags(tags: readonly string[]): string | undefined {
  if (tags.length > 20) return "Use at most 20 tags.";
  const bad = tags.find((tag) => !TAG.test(tag));
  if (bad !== undefined) {
    return `Tag "${bad}" is not valid: use 1 to 40 letters, digits, '_', '-', '.' or ':'.`;
  }
  return undefined;
}

export function checkTitle(title: string): string | undefined {
  if (title.length > 256) return "Use at most 256 characters.";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(title)) return "A title cannot contain control characters.";
  return undefined;
}

/** The link form's values, as the inputs hold them (the targeting rules and A/B test: ./routing). */
export interface LinkFormValues extends RoutingValues {
  target: string;
  /** a custom domain of the workspace the new link goes on; empty for the default domain */
  domain: string;
  alias: string;
  title: string;
  tags: string;
  redirectType: string;
  /** `datetime-local` value in the browser's time zone, or empty */
  expiresAt: string;
  forwardQuery: boolean;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  utmTerm: string;
  utmContent: string;
  expiredUrl: string;
  previewTitle: string;
  previewDescription: string;
  previewImage: string;
  /** digits, or empty for no limit */
  maxVisits: string;
  /** a new password (write-only: never shown), or empty to keep the link's as it is */
  password: string;
  /** editing a protected link: take its password away */
  removePassword: boolean;
}

export const emptyLinkForm: LinkFormValues = {
  target: "",
  domain: "",
  alias: "",
  title: "",
  tags: "",
  redirectType: "302",
  expiresAt: "",
  forwardQuery: false,
  utmSource: "",
  utmMedium: "",
  utmCampaign: "",
  utmTerm: "",
  utmContent: "",
  expiredUrl: "",
  previewTitle: "",
  previewDescription: "",
  previewImage: "",
  maxVisits: "",
  password: "",
  removePassword: false,
  rules: [],
  variants: [],
  variantsUntil: "",
};

/** The UTM parameters, by the form's field and the API's name. */
const UTM_FIELDS = [
  ["utmSource", "source"],
  ["utmMedium", "medium"],
  ["utmCampaign", "campaign"],
  ["utmTerm", "term"],
  ["utmContent", "content"],
] as const;

type Utm = NonNullable<Link["utm"]>;
type Preview = NonNullable<Link["preview"]>;

/** The form's UTM parameters as the API takes them; null when none is filled in. */
export function utmOf(values: LinkFormValues): Utm | null {
  const utm: Utm = {};
  for (const [field, name] of UTM_FIELDS) {
    const value = values[field].trim();
    if (value) utm[name] = value;
  }
  return Object.keys(utm).length > 0 ? utm : null;
}

/** The form's preview as the API takes it; null when none of its fields is filled in. */
export function previewOf(values: LinkFormValues): Preview | null {
  const title = values.previewTitle.trim();
  const description = values.previewDescription.trim();
  const image = values.previewImage.trim();
  if (!title && !description && !image) return null;
  return { title, description: description || null, image: image || null };
}

const MAX_VISITS = 1_000_000_000;

export function linkFormFrom(link: Link): LinkFormValues {
  return {
    target: link.target,
    domain: "",
    alias: link.code,
    title: link.title ?? "",
    tags: link.tags.join(", "),
    redirectType: String(link.redirectType),
    expiresAt: instantToLocal(link.expiresAt),
    forwardQuery: link.forwardQuery,
    utmSource: link.utm?.source ?? "",
    utmMedium: link.utm?.medium ?? "",
    utmCampaign: link.utm?.campaign ?? "",
    utmTerm: link.utm?.term ?? "",
    utmContent: link.utm?.content ?? "",
    expiredUrl: link.expiredUrl ?? "",
    previewTitle: link.preview?.title ?? "",
    previewDescription: link.preview?.description ?? "",
    previewImage: link.preview?.image ?? "",
    maxVisits: link.maxVisits === null || link.maxVisits === undefined ? "" : String(link.maxVisits),
    password: "",
    removePassword: false,
    rules: rulesFormFrom(link.rules),
    variants: variantsFormFrom(link.variants),
    variantsUntil: instantToLocal(link.variantsUntil),
  };
}

/** What the API would refuse; `link` is the link being edited (its A/B test's end may have passed). */
export function validateLinkForm(values: LinkFormValues, now: Date, creating: boolean, link?: Link): Errors {
  const errors: Errors = validateRouting(values, now, instantToLocal(link?.variantsUntil));
  const target = checkTarget(values.target);
  if (target) errors.target = target;
  if (creating) {
    const alias = checkAlias(values.alias.trim());
    if (alias) errors.alias = alias;
  }
  const title = checkTitle(values.title.trim());
  if (title) errors.title = title;
  const tags = checkTags(parseTags(values.tags));
  if (tags) errors.tags = tags;
  if (!REDIRECT_TYPES.map(String).includes(values.redirectType)) {
    errors.redirectType = "Choose 301, 302, 307 or 308.";
  }
  if (values.expiresAt) {
    const instant = localToInstant(values.expiresAt);
    if (!instant) errors.expiresAt = "Enter a valid date and time.";
    else if (new Date(instant).getTime() <= now.getTime()) errors.expiresAt = "Choose a time in the future.";
  }
  for (const [field, name] of UTM_FIELDS) {
    if (values[field].trim().length > 256) errors[`utm.${name}`] = "Use at most 256 characters.";
  }
  if (values.expiredUrl.trim()) {
    const fallback = checkTarget(values.expiredUrl);
    if (fallback) errors.expiredUrl = fallback;
  }
  const preview = previewOf(values);
  if (preview) {
    if (!preview.title) errors["preview.title"] = "A preview needs a title.";
    else if (preview.title.length > 200) errors["preview.title"] = "Use at most 200 characters.";
    if (preview.description && preview.description.length > 500) {
      errors["preview.description"] = "Use at most 500 characters.";
    }
    if (preview.image) {
      const image = checkTarget(preview.image);
      if (image) errors["preview.image"] = image;
    }
  }
  if (values.maxVisits.trim()) {
    const max = Number(values.maxVisits.trim());
    if (!/^[0-9]+$/.test(values.maxVisits.trim()) || max < 1 || max > MAX_VISITS) {
      errors.maxVisits = "Enter a whole number from 1 to 1,000,000,000, or leave it empty for no limit.";
    }
  }
  if (values.password) {
    const length = [...values.password].length;
    if (length < 6 || length > 128) errors.password = "Use 6 to 128 characters.";
  }
  return errors;
}

export function createLinkBody(values: LinkFormValues): CreateLinkBody {
  const body: CreateLinkBody = {
    target: values.target.trim(),
    redirectType: Number(values.redirectType) as RedirectType,
    forwardQuery: values.forwardQuery,
  };
  if (values.domain) body.domain = values.domain;
  const alias = values.alias.trim();
  if (alias) body.alias = alias;
  const title = values.title.trim();
  if (title) body.title = title;
  const tags = parseTags(values.tags);
  if (tags.length > 0) body.tags = tags;
  const expiresAt = localToInstant(values.expiresAt);
  if (expiresAt) body.expiresAt = expiresAt;
  const utm = utmOf(values);
  if (utm) body.utm = utm;
  const expiredUrl = values.expiredUrl.trim();
  if (expiredUrl) body.expiredUrl = expiredUrl;
  const preview = previewOf(values);
  if (preview) body.preview = preview;
  if (values.maxVisits.trim()) body.maxVisits = Number(values.maxVisits.trim());
  if (values.password) body.password = values.password;
  if (values.rules.length > 0) body.rules = rulesOf(values.rules);
  if (values.variants.length > 0) {
    body.variants = variantsOf(values.variants);
    const until = localToInstant(values.variantsUntil);
    if (until) body.variantsUntil = until;
  }
  return body;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The PATCH body of an edit: only the fields that changed; a cleared title, expiry or tag list is
 * `null` (the API clears it), and so are no rules and no variants (which ends the A/B test and its
 * end time with it). Rules and variants are sent whole when any part of them changed. Empty when
 * nothing changed.
 */
export function updateLinkBody(link: Link, values: LinkFormValues): UpdateLinkBody {
  const body: UpdateLinkBody = {};
  const target = values.target.trim();
  if (target !== link.target) body.target = target;
  const redirectType = Number(values.redirectType) as RedirectType;
  if (redirectType !== link.redirectType) body.redirectType = redirectType;
  if (values.forwardQuery !== link.forwardQuery) body.forwardQuery = values.forwardQuery;
  const title = values.title.trim();
  if (title !== (link.title ?? "")) body.title = title === "" ? null : title;
  const tags = parseTags(values.tags);
  const sameTags = tags.length === link.tags.length && tags.every((tag, i) => tag === link.tags[i]);
  if (!sameTags) body.tags = tags.length === 0 ? null : tags;
  if (values.expiresAt !== instantToLocal(link.expiresAt)) {
    body.expiresAt = localToInstant(values.expiresAt) ?? null;
  }
  const utm = utmOf(values);
  if (!same(utm, link.utm ?? null)) body.utm = utm;
  const expiredUrl = values.expiredUrl.trim() || null;
  if (expiredUrl !== (link.expiredUrl ?? null)) body.expiredUrl = expiredUrl;
  const preview = previewOf(values);
  const current = link.preview
    ? { title: link.preview.title, description: link.preview.description ?? null, image: link.preview.image ?? null }
    : null;
  if (!same(preview, current)) body.preview = preview;
  const maxVisits = values.maxVisits.trim() ? Number(values.maxVisits.trim()) : null;
  if (maxVisits !== (link.maxVisits ?? null)) body.maxVisits = maxVisits;
  if (values.password) body.password = values.password;
  else if (values.removePassword && link.passwordProtected) body.password = null;
  if (!sameRules(values.rules, rulesFormFrom(link.rules))) {
    body.rules = values.rules.length === 0 ? null : rulesOf(values.rules);
  }
  if (!sameVariants(values.variants, variantsFormFrom(link.variants))) {
    body.variants = values.variants.length === 0 ? null : variantsOf(values.variants);
  }
  if (values.variants.length > 0 && values.variantsUntil !== instantToLocal(link.variantsUntil)) {
    body.variantsUntil = localToInstant(values.variantsUntil) ?? null;
  }
  return body;
}

// ---- API keys ----

/** Name 1–100, at least one scope, an optional expiry date (YYYY-MM-DD) in the future and within ten years. */
export function validateApiKey(values: { name: string; scopes: readonly string[]; expires: string }, now: Date): Errors {
  const errors: Errors = {};
  const name = checkName(values.name, "name for the key");
  if (name) errors.name = name;
  if (values.scopes.length === 0) errors.scopes = "Choose at least one scope.";
  if (values.expires) {
    const end = new Date(`${values.expires}T23:59:59`);
    const tenYears = new Date(now);
    tenYears.setFullYear(tenYears.getFullYear() + 10);
    if (Number.isNaN(end.getTime())) errors.expiresAt = "Enter a valid date.";
    else if (end.getTime() <= now.getTime()) errors.expiresAt = "Choose a date in the future.";
    else if (end.getTime() > tenYears.getTime()) errors.expiresAt = "Choose a date within ten years.";
  }
  return errors;
}
