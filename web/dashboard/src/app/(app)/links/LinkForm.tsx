"use client";

import type { Domain, Link as ShortLink } from "@smo1/api-types";
import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { Button, buttonClass } from "@/components/Button";
import { CheckboxField, FormError, SelectField, TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useForm";
import { browserTimeZone } from "@/lib/analytics-range";
import { routingFields } from "@/lib/routing";
import {
  emptyLinkForm,
  linkFormFrom,
  updateLinkBody,
  validateLinkForm,
  type LinkFormValues,
} from "@/lib/validation";
import { AbTestEditor, RulesEditor } from "./RoutingEditors";

const FIELDS = [
  "target",
  "domain",
  "alias",
  "title",
  "tags",
  "redirectType",
  "expiresAt",
  "forwardQuery",
  "utm",
  "utm.source",
  "utm.medium",
  "utm.campaign",
  "utm.term",
  "utm.content",
  "expiredUrl",
  "maxVisits",
  "preview",
  "preview.title",
  "preview.description",
  "preview.image",
  "password",
] as const;

/** The fields fixed once the link exists: not in its form, so a refusal naming one is the form's. */
const FIXED = new Set<string>(["domain", "alias"]);
const EDIT_FIELDS = FIELDS.filter((field) => !FIXED.has(field));

const UTM_INPUTS = [
  { field: "utmSource", name: "utm.source", label: "Source", placeholder: "newsletter" },
  { field: "utmMedium", name: "utm.medium", label: "Medium", placeholder: "email" },
  { field: "utmCampaign", name: "utm.campaign", label: "Campaign", placeholder: "spring-sale" },
  { field: "utmTerm", name: "utm.term", label: "Term", placeholder: "" },
  { field: "utmContent", name: "utm.content", label: "Content", placeholder: "" },
] as const;

const FIELDSET = "space-y-4 rounded-md border border-border p-4";
const LEGEND = "px-1 text-sm font-semibold";

const REDIRECT_OPTIONS = [
  { value: "302", label: "302 Found — temporary (default)" },
  { value: "301", label: "301 Moved Permanently — browsers cache it" },
  { value: "307", label: "307 Temporary Redirect — keeps the request method" },
  { value: "308", label: "308 Permanent Redirect — keeps the method, cached" },
];

/**
 * Every field of the link body. Creating sends what was filled in; editing sends only what changed
 * (a cleared title, expiry or tag list clears it; so do no rules and no variants). The alias and
 * the domain are fixed once the link exists. `domains`: the workspace's custom domains a new link
 * may go on (none: no choice of domain is shown).
 */
export function LinkForm({
  link,
  domains = [],
  submitLabel,
  pending,
  error,
  cancelHref,
  onSubmit,
}: {
  link?: ShortLink;
  domains?: readonly Domain[];
  submitLabel: string;
  pending: boolean;
  error: unknown;
  cancelHref: string;
  onSubmit: (values: LinkFormValues) => void;
}) {
  const creating = !link;
  const [values, setValues] = useState<LinkFormValues>(() => (link ? linkFormFrom(link) : emptyLinkForm));
  const [unchanged, setUnchanged] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // the rules' and variants' fields are named by their place (rules[1].when.country), as the API names them
  const routing = routingFields(values);
  const form = useFormErrors(formRef, [...(creating ? FIELDS : EDIT_FIELDS), ...routing.fields], routing.aliases);
  const [lastError, setLastError] = useState<unknown>(null);
  if (error !== lastError) {
    setLastError(error);
    if (error) form.fail(error);
  }

  const set =
    (name: keyof LinkFormValues) =>
    (event: { target: { value: string; checked?: boolean; type?: string } }) => {
      const value = event.target.type === "checkbox" ? Boolean(event.target.checked) : event.target.value;
      setValues((v) => ({ ...v, [name]: value }));
      setUnchanged(false);
    };
  const change = (part: Partial<LinkFormValues>) => {
    setValues((v) => ({ ...v, ...part }));
    setUnchanged(false);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(validateLinkForm(values, new Date(), creating, link))) return;
    if (link && Object.keys(updateLinkBody(link, values)).length === 0) {
      setUnchanged(true);
      return;
    }
    onSubmit(values);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="max-w-2xl space-y-5">
      <FormError message={form.formError ?? (unchanged ? "Nothing changed: edit a field before saving." : undefined)} />
      <TextField
        label="Target URL"
        name="target"
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder="https://example.com/page"
        value={values.target}
        onChange={set("target")}
        error={form.errors.target}
        required
      />
      {creating && domains.length > 0 ? (
        <SelectField
          label="Domain"
          name="domain"
          value={values.domain}
          onChange={set("domain")}
          error={form.errors.domain}
          hint="The short URL's domain. Each domain has its own codes."
        >
          <option value="">Default domain</option>
          {domains.map((domain) => (
            <option key={domain.domain} value={domain.domain}>
              {domain.status === "failing" ? `${domain.domain} (DNS check failing)` : domain.domain}
            </option>
          ))}
        </SelectField>
      ) : null}
      {creating ? (
        <TextField
          label="Alias (optional)"
          name="alias"
          autoCapitalize="none"
          spellCheck={false}
          value={values.alias}
          onChange={set("alias")}
          error={form.errors.alias}
          hint="3 to 64 letters, digits, '_' or '-'; case-sensitive. Empty: a 7-character code is generated."
        />
      ) : null}
      <TextField label="Title (optional)" name="title" value={values.title} onChange={set("title")} error={form.errors.title} maxLength={256} />
      <TextField
        label="Tags (optional)"
        name="tags"
        autoCapitalize="none"
        value={values.tags}
        onChange={set("tags")}
        error={form.errors.tags}
        hint="Separated by commas or spaces; up to 20 tags of letters, digits, '_', '-', '.' or ':'."
      />
      <SelectField label="Redirect type" name="redirectType" value={values.redirectType} onChange={set("redirectType")} error={form.errors.redirectType}>
        {REDIRECT_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Expires at (optional)"
        name="expiresAt"
        type="datetime-local"
        value={values.expiresAt}
        onChange={set("expiresAt")}
        error={form.errors.expiresAt}
        hint={`In your time zone (${browserTimeZone()}). After it, visitors get “expired”. Empty: never expires.`}
      />
      <CheckboxField
        label="Forward the query string"
        name="forwardQuery"
        checked={values.forwardQuery}
        onChange={set("forwardQuery")}
        error={form.errors.forwardQuery}
        hint="Appends the short URL's query (?utm_source=…) to the target when redirecting."
      />
      <fieldset className={FIELDSET}>
        <legend className={LEGEND}>Campaign parameters (UTM, optional)</legend>
        <p className="text-sm text-muted">Added to the target's query when visitors are redirected; they replace the target's own.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {UTM_INPUTS.map((input) => (
            <TextField
              key={input.name}
              label={input.label}
              name={input.name}
              autoCapitalize="none"
              placeholder={input.placeholder}
              value={values[input.field]}
              onChange={set(input.field)}
              error={form.errors[input.name] ?? (input.name === "utm.source" ? form.errors.utm : undefined)}
              maxLength={256}
            />
          ))}
        </div>
      </fieldset>
      <RulesEditor rules={values.rules} errors={form.errors} onChange={(rules) => change({ rules })} />
      <AbTestEditor variants={values.variants} until={values.variantsUntil} errors={form.errors} onChange={change} />
      <fieldset className={FIELDSET}>
        <legend className={LEGEND}>Limits (optional)</legend>
        <TextField
          label="Maximum visits"
          name="maxVisits"
          inputMode="numeric"
          value={values.maxVisits}
          onChange={set("maxVisits")}
          error={form.errors.maxVisits}
          hint="Exactly this many visitors are redirected, then the link is used up. Bots do not count. Empty: no limit."
        />
        <TextField
          label="Fallback URL"
          name="expiredUrl"
          type="url"
          inputMode="url"
          placeholder="https://example.com/offer-ended"
          value={values.expiredUrl}
          onChange={set("expiredUrl")}
          error={form.errors.expiredUrl}
          hint="Where visitors go once the link has expired, is used up or disabled, instead of the “gone” page."
        />
        <TextField
          label={creating || !link?.passwordProtected ? "Password" : "New password"}
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={set("password")}
          error={form.errors.password}
          hint={
            link?.passwordProtected
              ? "The link has a password. Enter a new one to change it; visitors who gave the old one are asked again."
              : "Visitors must enter it before they are redirected (6 to 128 characters). Empty: no password."
          }
        />
        {link?.passwordProtected ? (
          <CheckboxField
            label="Remove the password"
            name="removePassword"
            checked={values.removePassword}
            onChange={set("removePassword")}
          />
        ) : null}
      </fieldset>
      <fieldset className={FIELDSET}>
        <legend className={LEGEND}>Preview for social networks (optional)</legend>
        <p className="text-sm text-muted">Shown by Slack, X, LinkedIn, WhatsApp and others when the short link is shared.</p>
        <TextField
          label="Preview title"
          name="preview.title"
          value={values.previewTitle}
          onChange={set("previewTitle")}
          error={form.errors["preview.title"] ?? form.errors.preview}
          maxLength={200}
        />
        <TextField
          label="Preview description"
          name="preview.description"
          value={values.previewDescription}
          onChange={set("previewDescription")}
          error={form.errors["preview.description"]}
          maxLength={500}
        />
        <TextField
          label="Preview image URL"
          name="preview.image"
          type="url"
          inputMode="url"
          placeholder="https://example.com/card.png"
          value={values.previewImage}
          onChange={set("previewImage")}
          error={form.errors["preview.image"]}
        />
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" pending={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <Link className={buttonClass("secondary")} href={cancelHref}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
