// A link's targeting rules and A/B test in the link form: the editors' values, checked as the
// API's RoutingPolicy checks them (src-docs/api.md, "Targeting rules and A/B tests"), turned into
// the API's `rules`, `variants` and `variantsUntil` and back, and read out as sentences.
import type { Conditions, Rule, Variant } from "@smo1/api-types";
import { checkTarget, instantToLocal, localToInstant } from "./link-fields";
import type { Errors } from "./validation";

export type Device = NonNullable<Conditions["device"]>[number];
export type OperatingSystem = NonNullable<Conditions["os"]>[number];
export type Browser = NonNullable<Conditions["browser"]>[number];

// The contract's values, with their names. Records, so a value the contract adds does not compile
// until it is named here (and one it drops, until it goes).
export const DEVICES: Readonly<Record<Device, string>> = { desktop: "Desktop", mobile: "Mobile", tablet: "Tablet" };
export const OPERATING_SYSTEMS: Readonly<Record<OperatingSystem, string>> = {
  ios: "iOS",
  android: "Android",
  windows: "Windows",
  macos: "macOS",
  linux: "Linux",
  chromeos: "ChromeOS",
};
export const BROWSERS: Readonly<Record<Browser, string>> = {
  chrome: "Chrome",
  safari: "Safari",
  firefox: "Firefox",
  edge: "Edge",
  opera: "Opera",
  samsung: "Samsung Internet",
};

/** The API's limits (RoutingPolicy). */
export const MAX_RULES = 10;
export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 5;
export const MAX_WEIGHT = 1_000;
const MAX_LIST = 50;
export const MAX_QUERY_CONDITIONS = 10;
const MAX_QUERY_NAME = 64;
const MAX_QUERY_VALUE = 256;

const COUNTRY = /^[A-Z]{2}$/;
const LANGUAGE = /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/;
const HOST =
  /^(?:(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A query parameter condition as typed: present with any value, or equal to `value`. */
export interface QueryForm {
  name: string;
  match: "present" | "equals";
  value: string;
}

/** One rule as the editor holds it; `key` only tells React which rule is which while they move. */
export interface RuleForm {
  key: string;
  target: string;
  device: Device[];
  os: OperatingSystem[];
  browser: Browser[];
  /** countries, languages and referrer hosts as typed: separated by commas or spaces */
  country: string;
  language: string;
  referrerHost: string;
  query: QueryForm[];
  /** `datetime-local` values in the browser's time zone, or empty */
  from: string;
  until: string;
}

export interface VariantForm {
  key: string;
  target: string;
  /** digits, as typed */
  weight: string;
}

/** The link form's part the routing editors change. */
export interface RoutingValues {
  rules: RuleForm[];
  variants: VariantForm[];
  /** `datetime-local` value, or empty: the test runs until changed */
  variantsUntil: string;
}

let keys = 0;

function newKey(): string {
  keys += 1;
  return `r${keys}`;
}

export function emptyRule(): RuleForm {
  return { key: newKey(), target: "", device: [], os: [], browser: [], country: "", language: "", referrerHost: "", query: [], from: "", until: "" };
}

export function emptyVariant(weight = "50"): VariantForm {
  return { key: newKey(), target: "", weight };
}

export function emptyQuery(): QueryForm {
  return { name: "", match: "present", value: "" };
}

/** `list` with the item at `from` moved to `to` (both in range), as a new array. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/** Values as typed: separated by commas, semicolons or white space, duplicates dropped. */
export function parseList(input: string): string[] {
  return [...new Set(input.split(/[\s,;]+/).filter((value) => value.length > 0))];
}

const countries = (input: string) => parseList(input.toUpperCase());
const languages = (input: string) => parseList(input.toLowerCase());
const hosts = (input: string) => parseList(input.toLowerCase());

/** `values` in the order of the contract's enumeration (the order the API answers them in). */
function inOrder<T extends string>(values: readonly T[], names: Readonly<Record<T, string>>): T[] {
  return (Object.keys(names) as T[]).filter((value) => values.includes(value));
}

/** A rule's conditions as the API takes them; `time` turns a `datetime-local` value into what is sent. */
function conditionsOf(rule: RuleForm, time: (local: string) => string | undefined): Conditions {
  const when: Conditions = {};
  if (rule.device.length > 0) when.device = inOrder(rule.device, DEVICES);
  if (rule.os.length > 0) when.os = inOrder(rule.os, OPERATING_SYSTEMS);
  if (rule.browser.length > 0) when.browser = inOrder(rule.browser, BROWSERS);
  const country = countries(rule.country).sort();
  if (country.length > 0) when.country = country;
  const language = languages(rule.language);
  if (language.length > 0) when.language = language;
  if (rule.query.length > 0) {
    when.query = Object.fromEntries(rule.query.map((q) => [q.name.trim(), q.match === "present" ? null : q.value]));
  }
  const referrerHost = hosts(rule.referrerHost);
  if (referrerHost.length > 0) when.referrerHost = referrerHost;
  const from = time(rule.from);
  if (from) when.from = from;
  const until = time(rule.until);
  if (until) when.until = until;
  return when;
}

/** The rules as the API takes them (times as instants). */
export function rulesOf(rules: readonly RuleForm[]): Rule[] {
  return rules.map((rule) => ({ when: conditionsOf(rule, localToInstant), target: rule.target.trim() }));
}

export function variantsOf(variants: readonly VariantForm[]): Variant[] {
  return variants.map((variant) => ({ target: variant.target.trim(), weight: Number(variant.weight.trim()) }));
}

/** The rules as the editor shows them. */
export function rulesFormFrom(rules: readonly Rule[]): RuleForm[] {
  return rules.map((rule) => ({
    key: newKey(),
    target: rule.target,
    device: [...(rule.when.device ?? [])],
    os: [...(rule.when.os ?? [])],
    browser: [...(rule.when.browser ?? [])],
    country: (rule.when.country ?? []).join(", "),
    language: (rule.when.language ?? []).join(", "),
    referrerHost: (rule.when.referrerHost ?? []).join(", "),
    query: Object.entries(rule.when.query ?? {}).map(([name, value]) =>
      value === null ? { name, match: "present" as const, value: "" } : { name, match: "equals" as const, value },
    ),
    from: instantToLocal(rule.when.from),
    until: instantToLocal(rule.when.until),
  }));
}

export function variantsFormFrom(variants: readonly Variant[]): VariantForm[] {
  return variants.map((variant) => ({ key: newKey(), target: variant.target, weight: String(variant.weight) }));
}

/**
 * Whether two lists of rules say the same, whatever the spelling (order of countries, case,
 * separators); times compared as the inputs show them, to the minute.
 */
export function sameRules(a: readonly RuleForm[], b: readonly RuleForm[]): boolean {
  const key = (rules: readonly RuleForm[]) =>
    JSON.stringify(rules.map((rule) => ({ when: conditionsOf(rule, (local) => local || undefined), target: rule.target.trim() })));
  return key(a) === key(b);
}

export function sameVariants(a: readonly VariantForm[], b: readonly VariantForm[]): boolean {
  const key = (variants: readonly VariantForm[]) => JSON.stringify(variants.map((v) => [v.target.trim(), v.weight.trim()]));
  return key(a) === key(b);
}

/** Each weight's share of the total, from 0 to 1; null for all when no weight counts yet. */
export function shares(weights: readonly number[]): (number | null)[] {
  const valid = weights.map((weight) => (Number.isInteger(weight) && weight >= 0 && weight <= MAX_WEIGHT ? weight : 0));
  const total = valid.reduce((sum, weight) => sum + weight, 0);
  return valid.map((weight) => (total > 0 ? weight / total : null));
}

export function weightOf(input: string): number {
  const value = input.trim();
  return /^[0-9]{1,4}$/.test(value) ? Number(value) : Number.NaN;
}

function checkListOf(
  values: readonly string[],
  pattern: RegExp,
  what: string,
  example: string,
): string | undefined {
  if (values.length > MAX_LIST) return `Use at most ${MAX_LIST} ${what}.`;
  const bad = values.find((value) => !pattern.test(value));
  return bad === undefined ? undefined : `“${bad}” is not valid: use ${example}.`;
}

function checkTime(local: string): string | undefined {
  return local && !localToInstant(local) ? "Enter a valid date and time." : undefined;
}

function checkRule(rule: RuleForm, field: string, errors: Errors) {
  const target = rule.target.trim() ? checkTarget(rule.target) : "Enter the URL this rule sends visitors to.";
  if (target) errors[`${field}.target`] = target;
  const when = `${field}.when`;
  const country = checkListOf(countries(rule.country), COUNTRY, "countries", "two-letter country codes such as DE or US");
  if (country) errors[`${when}.country`] = country;
  const language = checkListOf(languages(rule.language), LANGUAGE, "languages", "language tags such as de or pt-br");
  if (language) errors[`${when}.language`] = language;
  const host = checkListOf(hosts(rule.referrerHost), HOST, "hosts", "host names such as t.co, without https:// or a path");
  if (host) errors[`${when}.referrerHost`] = host;
  const seen = new Set<string>();
  rule.query.forEach((query, j) => {
    const name = query.name.trim();
    const at = `${when}.query[${j}]`;
    if (!name) errors[`${at}.name`] = "Enter the parameter's name.";
    else if (name.length > MAX_QUERY_NAME || CONTROL.test(name)) errors[`${at}.name`] = `Use 1 to ${MAX_QUERY_NAME} characters.`;
    else if (seen.has(name)) errors[`${at}.name`] = `This rule asks for “${name}” twice: keep one.`;
    seen.add(name);
    if (query.match === "equals" && (query.value.length > MAX_QUERY_VALUE || CONTROL.test(query.value))) {
      errors[`${at}.value`] = `Use at most ${MAX_QUERY_VALUE} characters, without control characters.`;
    }
  });
  const from = checkTime(rule.from);
  if (from) errors[`${when}.from`] = from;
  const until = checkTime(rule.until);
  if (until) errors[`${when}.until`] = until;
  const start = localToInstant(rule.from);
  const end = localToInstant(rule.until);
  if (start && end && Date.parse(start) >= Date.parse(end)) errors[`${when}.until`] = "Choose a time after “From”.";
}

/**
 * What the API would refuse in the rules and the A/B test, by the field it would name (and, for a
 * query parameter, the editor's row). `keptUntil` is the test's end the link has (as the input
 * shows it): an end that has passed may stay.
 */
export function validateRouting(values: RoutingValues, now: Date, keptUntil = ""): Errors {
  const errors: Errors = {};
  if (values.rules.length > MAX_RULES) errors.rules = `Use at most ${MAX_RULES} rules.`;
  values.rules.forEach((rule, i) => checkRule(rule, `rules[${i}]`, errors));
  const count = values.variants.length;
  if (count > 0 && (count < MIN_VARIANTS || count > MAX_VARIANTS)) {
    errors.variants = `An A/B test has ${MIN_VARIANTS} to ${MAX_VARIANTS} variants.`;
  }
  let weightsValid = true;
  values.variants.forEach((variant, j) => {
    const target = variant.target.trim() ? checkTarget(variant.target) : "Enter the URL this variant sends visitors to.";
    if (target) errors[`variants[${j}].target`] = target;
    const weight = weightOf(variant.weight);
    if (Number.isNaN(weight) || weight > MAX_WEIGHT) {
      errors[`variants[${j}].weight`] = `Enter a whole number from 0 to ${MAX_WEIGHT.toLocaleString("en")}.`;
      weightsValid = false;
    }
  });
  if (count > 0 && weightsValid && values.variants.every((variant) => weightOf(variant.weight) === 0)) {
    errors.variants ??= "Give at least one variant a weight above 0.";
  }
  if (count > 0 && values.variantsUntil) {
    const until = localToInstant(values.variantsUntil);
    if (!until) errors.variantsUntil = "Enter a valid date and time.";
    else if (values.variantsUntil !== keptUntil && Date.parse(until) <= now.getTime()) {
      errors.variantsUntil = "Choose a time in the future.";
    }
  }
  return errors;
}

const CONDITION_FIELDS = ["device", "os", "browser", "country", "language", "referrerHost", "from", "until"] as const;

/**
 * The form's names of the fields the API may name in a refusal of these rules and variants, and
 * the API's names the form shows elsewhere: a query parameter's value (`rules[0].when.query.ref`)
 * at its row, the query conditions as a whole at the first row's name.
 */
export function routingFields(values: RoutingValues): { fields: string[]; aliases: Record<string, string> } {
  const fields = ["rules", "variants", "variantsUntil"];
  const aliases: Record<string, string> = {};
  values.rules.forEach((rule, i) => {
    const when = `rules[${i}].when`;
    fields.push(`rules[${i}].target`, ...CONDITION_FIELDS.map((condition) => `${when}.${condition}`));
    rule.query.forEach((query, j) => {
      fields.push(`${when}.query[${j}].name`, `${when}.query[${j}].value`);
      aliases[`${when}.query.${query.name.trim()}`] ??= `${when}.query[${j}].value`;
    });
    if (rule.query.length > 0) aliases[`${when}.query`] = `${when}.query[0].name`;
  });
  values.variants.forEach((_, j) => fields.push(`variants[${j}].target`, `variants[${j}].weight`));
  return { fields, aliases };
}

/** How the link page and the editor name an instant (the browser's locale and time zone). */
export type InstantFormat = (instant: string) => string;

function either(values: readonly string[]): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

/** "Device is mobile and country is DE or AT": a rule's conditions in words. */
export function describeConditions(when: Conditions, formatInstant: InstantFormat): string {
  const parts: string[] = [];
  if (when.device?.length) parts.push(`device is ${either(when.device.map((d) => DEVICES[d].toLowerCase()))}`);
  if (when.os?.length) parts.push(`OS is ${either(when.os.map((o) => OPERATING_SYSTEMS[o]))}`);
  if (when.browser?.length) parts.push(`browser is ${either(when.browser.map((b) => BROWSERS[b]))}`);
  if (when.country?.length) parts.push(`country is ${either(when.country)}`);
  if (when.language?.length) parts.push(`language is ${either(when.language)}`);
  for (const [name, value] of Object.entries(when.query ?? {})) {
    parts.push(value === null ? `query has ${name}` : `query has ${name}=${value}`);
  }
  if (when.referrerHost?.length) parts.push(`referrer is ${either(when.referrerHost)} (or a subdomain)`);
  if (when.from) parts.push(`from ${formatInstant(when.from)}`);
  if (when.until) parts.push(`before ${formatInstant(when.until)}`);
  if (parts.length === 0) return "Every visit";
  const sentence = parts.join(" and ");
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
