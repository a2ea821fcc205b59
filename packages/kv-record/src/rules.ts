/**
 * Where a visit of a link goes when the link has targeting rules or an A/B test. The node's
 * `dev.smo1.link.rules.LinkRouting` does the same; both are held to one file of test vectors
 * (../contract/fixtures/link-rules.json). Every parsing step (the Accept-Language list, the query,
 * the referrer's host) is a small algorithm spelled out the same way on both sides.
 */

/** What a rule asks of a visit; every condition set must hold, any of its values will do. */
export type Conditions = {
  device?: string[];
  os?: string[];
  browser?: string[];
  country?: string[];
  language?: string[];
  /** parameter name → the value it must have, or null: present with any value */
  query?: Record<string, string | null>;
  referrerHost?: string[];
  from?: string; // ISO-8601 instant, included
  until?: string; // ISO-8601 instant, excluded
};

export type Rule = { when: Conditions; target: string };
export type Variant = { target: string; weight: number };

export type Routing = {
  rules: Rule[];
  variants: Variant[];
  variantsUntil: string | null;
};

/** One visit as the redirect read it; unknown attributes are null. */
export type Visit = {
  device: string | null;
  os: string | null;
  browser: string | null;
  country: string | null;
  acceptLanguage: string | null;
  query: string; // the short URL's query, with or without its "?"
  referrer: string | null;
  at: number; // epoch milliseconds
  variantCookie: string | null;
};

export type Routed = {
  target: string;
  rule: number | null;
  variant: number | null;
  setVariantCookie: boolean;
};

const VARIANT_COOKIE = /^(0|[1-9][0-9]{0,2})$/;
const LANGUAGE = /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/;
const QUALITY = /^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$/;

/**
 * Where the visit goes: the first matching rule's target, else (while the test runs) a variant's,
 * else `target`. `random`, uniform in [0, 1), picks the variant of a visitor without a valid cookie.
 */
export function route(target: string, routing: Routing, visit: Visit, random: number): Routed {
  for (let i = 0; i < routing.rules.length; i++) {
    const rule = routing.rules[i]!;
    if (matches(rule.when, visit)) {
      return { target: rule.target, rule: i, variant: null, setVariantCookie: false };
    }
  }
  const variants = routing.variants;
  const running = variants.length > 0 && within(visit.at, undefined, routing.variantsUntil ?? undefined);
  if (running) {
    const kept = keptVariant(visit.variantCookie, variants.length);
    if (kept !== null) {
      return { target: variants[kept]!.target, rule: null, variant: kept, setVariantCookie: false };
    }
    const picked = pick(variants, random);
    if (picked !== null) {
      return { target: variants[picked]!.target, rule: null, variant: picked, setVariantCookie: true };
    }
  }
  return { target, rule: null, variant: null, setVariantCookie: false };
}

/** Whether every condition `when` sets holds for the visit. */
export function matches(when: Conditions, visit: Visit): boolean {
  return (
    among(when.device, visit.device) &&
    among(when.os, visit.os) &&
    among(when.browser, visit.browser) &&
    among(when.country, visit.country === null ? null : visit.country.toUpperCase()) &&
    languagesMatch(when.language, visit.acceptLanguage) &&
    queryMatches(when.query, visit.query) &&
    referrerMatches(when.referrerHost, visit.referrer) &&
    within(visit.at, when.from, when.until)
  );
}

function among(allowed: string[] | undefined, value: string | null): boolean {
  return allowed === undefined || allowed.length === 0 || (value !== null && allowed.includes(value));
}

function within(at: number, from: string | undefined, until: string | undefined): boolean {
  return (from === undefined || at >= Date.parse(from)) && (until === undefined || at < Date.parse(until));
}

function languagesMatch(wanted: string[] | undefined, header: string | null): boolean {
  if (wanted === undefined || wanted.length === 0) {
    return true;
  }
  const accepted = acceptedLanguages(header ?? "");
  return wanted.some((language) =>
    accepted.some((tag) => tag === language || tag.startsWith(language + "-")),
  );
}

/**
 * The language tags an Accept-Language header accepts, lower case, in the order given: ranges with
 * a quality of 0, the wildcard and anything malformed are left out.
 */
export function acceptedLanguages(header: string): string[] {
  const tags: string[] = [];
  for (const range of header.split(",")) {
    const parts = range.split(";");
    const tag = ows(parts[0]!).toLowerCase();
    if (!LANGUAGE.test(tag)) {
      continue;
    }
    let accepted = true;
    for (const raw of parts.slice(1)) {
      const parameter = ows(raw);
      if (parameter.length >= 2 && (parameter[0] === "q" || parameter[0] === "Q") && parameter[1] === "=") {
        const quality = parameter.slice(2);
        accepted = QUALITY.test(quality) && Number(quality) > 0;
      }
    }
    if (accepted) {
      tags.push(tag);
    }
  }
  return tags;
}

/** Without the optional white space HTTP allows around values: spaces and tabs. */
function ows(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, "");
}

function queryMatches(wanted: Record<string, string | null> | undefined, query: string): boolean {
  if (wanted === undefined) {
    return true;
  }
  const parameters = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  return Object.entries(wanted).every(([name, value]) =>
    value === null ? parameters.has(name) : parameters.getAll(name).includes(value),
  );
}

function referrerMatches(hosts: string[] | undefined, referrer: string | null): boolean {
  if (hosts === undefined || hosts.length === 0) {
    return true;
  }
  const host = referrer === null ? null : referrerHost(referrer);
  return host !== null && hosts.some((wanted) => host === wanted || host.endsWith("." + wanted));
}

/**
 * The host of an http or https referrer, lower case, without user info, port or a final dot; null
 * for anything else.
 */
export function referrerHost(referrer: string): string | null {
  const text = ows(referrer).toLowerCase();
  let rest: string;
  if (text.startsWith("https://")) {
    rest = text.slice(8);
  } else if (text.startsWith("http://")) {
    rest = text.slice(7);
  } else {
    return null;
  }
  let end = rest.length;
  for (const stop of ["/", "?", "#"]) {
    const at = rest.indexOf(stop);
    if (at >= 0 && at < end) {
      end = at;
    }
  }
  const authority = rest.slice(0, end);
  let host = authority.slice(authority.lastIndexOf("@") + 1);
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    host = close < 0 ? "" : host.slice(0, close + 1);
  } else if (host.includes(":")) {
    host = host.slice(0, host.indexOf(":"));
  }
  if (host.endsWith(".")) {
    host = host.slice(0, -1);
  }
  return host === "" ? null : host;
}

function keptVariant(cookie: string | null, variants: number): number | null {
  if (cookie === null || !VARIANT_COOKIE.test(cookie)) {
    return null;
  }
  const index = Number(cookie);
  return index < variants ? index : null;
}

/**
 * The variant at floor(random × total weight) along the weights laid end to end (a weight of 0 is
 * never picked); null when every weight is 0.
 */
function pick(variants: Variant[], random: number): number | null {
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  if (total <= 0) {
    return null;
  }
  const point = Math.min(total - 1, Math.floor(random * total));
  let end = 0;
  for (let i = 0; i < variants.length; i++) {
    end += variants[i]!.weight;
    if (point < end) {
      return i;
    }
  }
  return null;
}

/** One rule of ../contract/user-agents.json. */
type AgentRule = { name?: string; value?: string; preview?: boolean; any: string[]; none?: string[] };

/** The user-agent rules, as ../contract/user-agents.json holds them. */
export type AgentRules = { bots: AgentRule[]; device: AgentRule[]; os: AgentRule[]; browser: AgentRule[] };

/** A visitor's classification; `bot` names the bot rule that held ("none": no User-Agent). */
export type AgentClass = {
  device: string | null;
  os: string | null;
  browser: string | null;
  bot: string | null;
  preview: boolean;
};

/**
 * Classifies a User-Agent as the node's VisitorAgents does: lower-cased (ASCII letters only), each
 * rule holding when the header contains any of its tokens and none of its exclusions, the first
 * rule of each list deciding.
 */
export function classifyAgent(rules: AgentRules, userAgent: string | null): AgentClass {
  const agent = (userAgent ?? "").replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  if (agent === "") {
    return { device: null, os: null, browser: null, bot: "none", preview: false };
  }
  const bot = firstRule(rules.bots, agent);
  return {
    device: firstRule(rules.device, agent)?.value ?? null,
    os: firstRule(rules.os, agent)?.value ?? null,
    browser: firstRule(rules.browser, agent)?.value ?? null,
    bot: bot?.name ?? null,
    preview: bot?.preview ?? false,
  };
}

function firstRule(rules: AgentRule[], agent: string): AgentRule | undefined {
  return rules.find(
    (rule) =>
      rule.any.some((token) => agent.includes(token)) &&
      !(rule.none ?? []).some((token) => agent.includes(token)),
  );
}
