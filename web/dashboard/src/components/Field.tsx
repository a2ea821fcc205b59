"use client";

import {
  useEffect,
  useId,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type RefObject,
  type SelectHTMLAttributes,
} from "react";

const CONTROL =
  "block h-10 w-full rounded-md border border-border bg-surface px-3 py-2 text-base text-fg sm:text-sm " +
  "placeholder:text-muted aria-[invalid=true]:border-danger aria-[invalid=true]:border-2";

interface FieldProps {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
}

/** The ids and ARIA attributes linking a control to its hint and error message. */
function useDescribed(error: string | undefined, hint: ReactNode) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { id, hintId, errorId, describedBy };
}

function Messages({ hint, hintId, error, errorId }: { hint: ReactNode; hintId?: string | undefined; error?: string | undefined; errorId?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  label,
  error,
  hint,
  className = "",
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const { id, hintId, errorId, describedBy } = useDescribed(error, hint);
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        className={CONTROL}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

export function SelectField({
  label,
  error,
  hint,
  className = "",
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const { id, hintId, errorId, describedBy } = useDescribed(error, hint);
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        className={CONTROL}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...select}
      >
        {children}
      </select>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

export function CheckboxField({
  label,
  error,
  hint,
  className = "",
  ...input
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  const { id, hintId, errorId, describedBy } = useDescribed(error, hint);
  return (
    <div className={className}>
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          className="mt-0.5 size-5 shrink-0 accent-[var(--accent)]"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
      </div>
      <div className="pl-7">
        <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
      </div>
    </div>
  );
}

/**
 * Checkboxes for a set of values, in a fieldset named by `legend`; `options` names each value, in
 * the order shown. An error marks every box and describes each by it.
 */
export function CheckboxGroup<T extends string>({
  legend,
  name,
  options,
  values,
  onChange,
  error,
  hint,
  className = "",
}: Omit<FieldProps, "label"> & {
  legend: ReactNode;
  name: string;
  options: Readonly<Record<T, string>>;
  values: readonly T[];
  onChange: (values: T[]) => void;
  className?: string;
}) {
  const { hintId, errorId, describedBy } = useDescribed(error, hint);
  return (
    <fieldset className={className}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {(Object.keys(options) as T[]).map((value) => (
          <label key={value} className="inline-flex min-h-10 items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={name}
              value={value}
              checked={values.includes(value)}
              onChange={(event) =>
                onChange(event.target.checked ? [...values, value] : values.filter((v) => v !== value))
              }
              className="size-5 shrink-0 accent-[var(--accent)]"
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
            />
            {options[value]}
          </label>
        ))}
      </div>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </fieldset>
  );
}

/**
 * Moves focus to the form's first invalid control each time `attempt` changes (a submit that
 * found errors, on the client or from the API), so keyboard and screen reader users land on it.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, attempt: number) {
  const last = useRef(attempt);
  useEffect(() => {
    if (attempt === last.current) return;
    last.current = attempt;
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
    } else {
      form.current?.querySelector<HTMLElement>("[data-form-error]")?.focus();
    }
  });
}

/** A message for the whole form (an API error naming no field of it). Focusable for the above. */
export function FormError({ message }: { message?: string | undefined }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      tabIndex={-1}
      data-form-error
      className="rounded-md border border-danger bg-surface p-3 text-sm font-medium text-danger"
    >
      {message}
    </div>
  );
}
