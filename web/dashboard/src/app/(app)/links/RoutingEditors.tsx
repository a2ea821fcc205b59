"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/Button";
import { CheckboxGroup, SelectField, TextField } from "@/components/Field";
import { browserTimeZone } from "@/lib/analytics-range";
import { formatPercent } from "@/lib/format";
import {
  BROWSERS,
  DEVICES,
  MAX_QUERY_CONDITIONS,
  MAX_RULES,
  MAX_VARIANTS,
  MIN_VARIANTS,
  OPERATING_SYSTEMS,
  emptyQuery,
  emptyRule,
  emptyVariant,
  moved,
  shares,
  weightOf,
  type QueryForm,
  type RuleForm,
  type VariantForm,
} from "@/lib/routing";
import type { Errors } from "@/lib/validation";

const FIELDSET = "space-y-4 rounded-md border border-border p-4";
const LEGEND = "px-1 text-sm font-semibold";
const ITEM = "space-y-4 rounded-md border border-border bg-surface-2 p-3";
const ITEM_LEGEND = "rounded bg-surface px-2 text-sm font-semibold";
const MOVE = "aria-disabled:cursor-not-allowed aria-disabled:opacity-60";

/**
 * Focus for the next render: a control that a click added, moved or took away is not the one that
 * had focus any more, so the editor says where keyboard users continue.
 */
function useFocusAfterRender() {
  const root = useRef<HTMLDivElement>(null);
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const selector = pending.current;
    if (selector === null) return;
    pending.current = null;
    root.current?.querySelector<HTMLElement>(selector)?.focus();
  });
  return {
    root,
    focus(selector: string) {
      pending.current = selector;
    },
  };
}

/** A message for a whole section (the API names `rules` or `variants`): the section takes focus. */
function SectionError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm font-medium text-danger">
      {message}
    </p>
  );
}

function sectionProps(errorId: string, error: string | undefined) {
  return error ? { "aria-invalid": true, "aria-describedby": errorId, tabIndex: -1 } : {};
}

/** The link's targeting rules: add, remove, reorder; each a target and its conditions. */
export function RulesEditor({
  rules,
  errors,
  onChange,
}: {
  rules: RuleForm[];
  errors: Errors;
  onChange: (rules: RuleForm[]) => void;
}) {
  const { root, focus } = useFocusAfterRender();
  const errorId = useId();

  const change = (i: number, rule: RuleForm) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  const add = () => {
    focus(`[name="rules[${rules.length}].target"]`);
    onChange([...rules, emptyRule()]);
  };
  const remove = (i: number) => {
    focus("[data-add-rule]");
    onChange(rules.filter((_, j) => j !== i));
  };
  const move = (i: number, to: number, direction: "up" | "down") => {
    if (to < 0 || to >= rules.length) return;
    focus(`[data-focus="${rules[i]!.key}-${direction}"]`);
    onChange(moved(rules, i, to));
  };

  return (
    <div ref={root}>
      <fieldset className={FIELDSET} {...sectionProps(errorId, errors.rules)}>
        <legend className={LEGEND}>Targeting rules (optional)</legend>
        <p className="text-sm text-muted">
          A visitor goes to the target of the first rule whose conditions all hold; within a condition, any of its values
          will do, and a condition left empty is not asked. Visitors no rule takes go to the A/B test, or else to the
          target URL above.
        </p>
        <SectionError id={errorId} message={errors.rules} />
        {rules.length > 0 ? (
          <ol className="space-y-4">
            {rules.map((rule, i) => (
              <li key={rule.key}>
                <RuleEditor
                  rule={rule}
                  index={i}
                  count={rules.length}
                  errors={errors}
                  onChange={(next) => change(i, next)}
                  onMove={(to, direction) => move(i, to, direction)}
                  onRemove={() => remove(i)}
                  focus={focus}
                />
              </li>
            ))}
          </ol>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button data-add-rule onClick={add} disabled={rules.length >= MAX_RULES}>
            Add rule
          </Button>
          {rules.length >= MAX_RULES ? <p className="text-sm text-muted">A link has at most {MAX_RULES} rules.</p> : null}
        </div>
      </fieldset>
    </div>
  );
}

function RuleEditor({
  rule,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
  focus,
}: {
  rule: RuleForm;
  index: number;
  count: number;
  errors: Errors;
  onChange: (rule: RuleForm) => void;
  onMove: (to: number, direction: "up" | "down") => void;
  onRemove: () => void;
  focus: (selector: string) => void;
}) {
  const field = `rules[${index}]`;
  const when = `${field}.when`;
  const number = index + 1;
  const text = (name: "target" | "country" | "language" | "referrerHost" | "from" | "until") => ({
    name: name === "target" ? `${field}.target` : `${when}.${name}`,
    value: rule[name],
    error: errors[name === "target" ? `${field}.target` : `${when}.${name}`],
    onChange: (event: { target: { value: string } }) => onChange({ ...rule, [name]: event.target.value }),
  });
  const first = index === 0;
  const last = index === count - 1;

  return (
    <fieldset className={ITEM}>
      <legend className={ITEM_LEGEND}>Rule {number}</legend>
      <TextField label="Target URL" type="url" inputMode="url" placeholder="https://example.com/de" {...text("target")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <CheckboxGroup
          legend="Device"
          options={DEVICES}
          values={rule.device}
          onChange={(device) => onChange({ ...rule, device })}
          name={`${when}.device`}
          error={errors[`${when}.device`]}
        />
        <CheckboxGroup
          legend="Operating system"
          options={OPERATING_SYSTEMS}
          values={rule.os}
          onChange={(os) => onChange({ ...rule, os })}
          name={`${when}.os`}
          error={errors[`${when}.os`]}
        />
        <CheckboxGroup
          legend="Browser"
          options={BROWSERS}
          values={rule.browser}
          onChange={(browser) => onChange({ ...rule, browser })}
          name={`${when}.browser`}
          error={errors[`${when}.browser`]}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Countries"
          autoCapitalize="characters"
          spellCheck={false}
          hint="Two-letter codes such as DE, AT, separated by commas or spaces."
          {...text("country")}
        />
        <TextField
          label="Languages"
          autoCapitalize="none"
          spellCheck={false}
          hint="Such as de, pt-br: from the browser's language list; de also takes de-AT."
          {...text("language")}
        />
      </div>
      <TextField
        label="Referrer hosts"
        autoCapitalize="none"
        spellCheck={false}
        hint="The site the visitor came from, such as t.co; a host also takes its subdomains."
        {...text("referrerHost")}
      />
      <QueryEditor
        rule={rule}
        when={when}
        number={number}
        errors={errors}
        onChange={(query) => onChange({ ...rule, query })}
        focus={focus}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="From" type="datetime-local" hint={`Included; in your time zone (${browserTimeZone()}).`} {...text("from")} />
        <TextField label="Until" type="datetime-local" hint="Excluded: the rule stops at this time." {...text("until")} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          className={MOVE}
          data-focus={`${rule.key}-up`}
          aria-disabled={first || undefined}
          onClick={() => onMove(index - 1, "up")}
        >
          Move up<span className="sr-only"> rule {number}</span>
        </Button>
        <Button
          className={MOVE}
          data-focus={`${rule.key}-down`}
          aria-disabled={last || undefined}
          onClick={() => onMove(index + 1, "down")}
        >
          Move down<span className="sr-only"> rule {number}</span>
        </Button>
        <Button variant="ghost" onClick={onRemove}>
          Remove rule<span className="sr-only"> {number}</span>
        </Button>
      </div>
    </fieldset>
  );
}

/** A rule's query parameter conditions: each present with any value, or equal to one. */
function QueryEditor({
  rule,
  when,
  number,
  errors,
  onChange,
  focus,
}: {
  rule: RuleForm;
  when: string;
  number: number;
  errors: Errors;
  onChange: (query: QueryForm[]) => void;
  focus: (selector: string) => void;
}) {
  const change = (j: number, query: QueryForm) => onChange(rule.query.map((q, k) => (k === j ? query : q)));
  return (
    <fieldset className="space-y-3">
      <legend className="mb-1 text-sm font-medium">Query parameters</legend>
      <p className="text-sm text-muted">Of the short URL (…?ref=newsletter); names are case-sensitive.</p>
      {rule.query.map((query, j) => {
        const at = `${when}.query[${j}]`;
        return (
          <div
            key={j}
            role="group"
            aria-label={`Query parameter ${j + 1}`}
            className="grid items-start gap-3 sm:grid-cols-[1fr_auto_1fr_auto]"
          >
            <TextField
              label="Name"
              name={`${at}.name`}
              autoCapitalize="none"
              spellCheck={false}
              placeholder="ref"
              value={query.name}
              error={errors[`${at}.name`]}
              onChange={(event) => change(j, { ...query, name: event.target.value })}
            />
            <SelectField
              label="Condition"
              name={`${at}.match`}
              value={query.match}
              onChange={(event) => change(j, { ...query, match: event.target.value === "equals" ? "equals" : "present" })}
            >
              <option value="present">is present</option>
              <option value="equals">equals</option>
            </SelectField>
            {query.match === "equals" ? (
              <TextField
                label="Value"
                name={`${at}.value`}
                autoCapitalize="none"
                spellCheck={false}
                value={query.value}
                error={errors[`${at}.value`]}
                onChange={(event) => change(j, { ...query, value: event.target.value })}
              />
            ) : (
              <span className="hidden sm:block" />
            )}
            <Button
              variant="ghost"
              className="sm:mt-6"
              onClick={() => {
                focus(`[data-add-query="${rule.key}"]`);
                onChange(rule.query.filter((_, k) => k !== j));
              }}
            >
              Remove<span className="sr-only"> query parameter {j + 1} of rule {number}</span>
            </Button>
          </div>
        );
      })}
      <Button
        data-add-query={rule.key}
        disabled={rule.query.length >= MAX_QUERY_CONDITIONS}
        onClick={() => {
          focus(`[name="${when}.query[${rule.query.length}].name"]`);
          onChange([...rule.query, emptyQuery()]);
        }}
      >
        Add query parameter<span className="sr-only"> to rule {number}</span>
      </Button>
    </fieldset>
  );
}

/** The link's A/B test: 2 to 5 weighted targets, each variant's share shown, and an optional end. */
export function AbTestEditor({
  variants,
  until,
  errors,
  onChange,
}: {
  variants: VariantForm[];
  until: string;
  errors: Errors;
  onChange: (change: { variants?: VariantForm[]; variantsUntil?: string }) => void;
}) {
  const { root, focus } = useFocusAfterRender();
  const errorId = useId();
  const split = shares(variants.map((variant) => weightOf(variant.weight)));

  const change = (j: number, variant: VariantForm) => onChange({ variants: variants.map((v, k) => (k === j ? variant : v)) });
  const start = () => {
    focus('[name="variants[0].target"]');
    onChange({ variants: [emptyVariant(), emptyVariant()] });
  };
  const add = () => {
    focus(`[name="variants[${variants.length}].target"]`);
    onChange({ variants: [...variants, emptyVariant()] });
  };
  const remove = (j: number) => {
    focus("[data-add-variant]");
    onChange({ variants: variants.filter((_, k) => k !== j) });
  };
  const end = () => {
    focus("[data-start-test]");
    onChange({ variants: [], variantsUntil: "" });
  };

  return (
    <div ref={root}>
      <fieldset className={FIELDSET} {...sectionProps(errorId, errors.variants)}>
        <legend className={LEGEND}>A/B test (optional)</legend>
        <p className="text-sm text-muted">
          Visitors no rule takes are split between {MIN_VARIANTS} to {MAX_VARIANTS} targets by weight; a cookie keeps each
          visitor on their variant for 30 days. It remembers the variant&apos;s place in the list: removing one moves the
          visitors of those after it.
        </p>
        <SectionError id={errorId} message={errors.variants} />
        {variants.length === 0 ? (
          <Button data-start-test onClick={start}>
            Add an A/B test
          </Button>
        ) : (
          <>
            <ol className="space-y-4">
              {variants.map((variant, j) => {
                const share = split[j];
                return (
                  <li key={variant.key}>
                    <fieldset className={ITEM}>
                      <legend className={ITEM_LEGEND}>Variant {j + 1}</legend>
                      <div className="grid items-start gap-4 sm:grid-cols-[1fr_10rem]">
                        <TextField
                          label="Target URL"
                          name={`variants[${j}].target`}
                          type="url"
                          inputMode="url"
                          placeholder="https://example.com/b"
                          value={variant.target}
                          error={errors[`variants[${j}].target`]}
                          onChange={(event) => change(j, { ...variant, target: event.target.value })}
                        />
                        <TextField
                          label="Weight"
                          name={`variants[${j}].weight`}
                          inputMode="numeric"
                          value={variant.weight}
                          error={errors[`variants[${j}].weight`]}
                          hint={share === null || share === undefined ? "No share yet" : `${formatPercent(share)} of new visitors`}
                          onChange={(event) => change(j, { ...variant, weight: event.target.value })}
                        />
                      </div>
                      {variants.length > MIN_VARIANTS ? (
                        <Button variant="ghost" onClick={() => remove(j)}>
                          Remove variant<span className="sr-only"> {j + 1}</span>
                        </Button>
                      ) : null}
                    </fieldset>
                  </li>
                );
              })}
            </ol>
            <div className="flex flex-wrap gap-2">
              <Button data-add-variant onClick={add} disabled={variants.length >= MAX_VARIANTS}>
                Add variant
              </Button>
              <Button variant="ghost" onClick={end}>
                Remove the A/B test
              </Button>
            </div>
            <TextField
              label="Test ends at (optional)"
              name="variantsUntil"
              type="datetime-local"
              value={until}
              error={errors.variantsUntil}
              hint={`Excluded; in your time zone (${browserTimeZone()}). Empty: the test runs until you change it.`}
              onChange={(event) => onChange({ variantsUntil: event.target.value })}
              className="max-w-sm"
            />
          </>
        )}
      </fieldset>
    </div>
  );
}
