"use client";

import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { FormError, TextField, useFocusFirstInvalid } from "@/components/Field";
import { api } from "@/lib/api";
import { ApiRequestError, unwrap } from "@/lib/errors";
import { linkQuery } from "@/lib/link-domain";
import { keys } from "@/lib/queries";
import {
  QR_SIZE,
  checkQrOptions,
  defaultQrOptions,
  isHexColour,
  normalisedColour,
  qrFileName,
  qrQuery,
  type QrFormat,
  type QrOptions,
} from "@/lib/qr-code";

/** The preview is asked for once the colours have stayed put this long (typing, dragging). */
const SETTLE_MS = 300;
/** The API lets the browser keep an image this long (`Cache-Control: private, max-age=300`). */
const KEEP_MS = 300_000;
const FIELDS = ["size", "fg", "bg"] as const;
const FORMATS: { value: QrFormat; label: string }[] = [
  { value: "svg", label: "SVG (scales to any size)" },
  { value: "png", label: "PNG" },
];

function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** An object URL for `blob` while it is shown, revoked when it is replaced or the panel goes. */
function useObjectUrl(blob: Blob | undefined): string | undefined {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : undefined), [blob]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

/** Hands `blob` to the browser as a download named `name`. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // revoked once the browser has surely started reading it
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The API's message for one of this panel's fields, when the API named it. */
function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiRequestError && error.field === field ? error.message : undefined;
}

function panelError(error: unknown): string | undefined {
  if (!error) return undefined;
  if (error instanceof ApiRequestError && error.field && (FIELDS as readonly string[]).includes(error.field)) return undefined;
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}

/**
 * A link's QR code: a preview (the SVG, fetched with the session), the format, size and colours,
 * and a download of the file as the API names it (`<code>-qr.svg|png`). The options are checked as
 * the API checks them; the API's own refusal shows on the field it names. `domain`: the link's
 * custom domain (null or absent: the default domain).
 */
export function QrCodePanel({
  workspace,
  code,
  domain = null,
  shortUrl,
}: {
  workspace: string;
  code: string;
  domain?: string | null;
  shortUrl: string;
}) {
  const [options, setOptions] = useState<QrOptions>(defaultQrOptions);
  const [sizeTouched, setSizeTouched] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);

  const local = checkQrOptions(options);
  const colours = !local.fg && !local.bg ? `${normalisedColour(options.fg)}${normalisedColour(options.bg)}` : null;
  const settled = useSettled(colours, SETTLE_MS);
  const previewQuery = useMemo(
    () => (settled ? { ...linkQuery(workspace, domain), format: "svg" as const, fg: settled.slice(1, 7), bg: settled.slice(8, 14) } : null),
    [settled, workspace, domain],
  );
  const preview = useQuery({
    queryKey: keys.qrCode(workspace, code, domain, previewQuery ?? {}),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/links/{code}/qr", {
          params: { path: { code }, query: previewQuery ?? linkQuery(workspace, domain) },
          parseAs: "blob",
          signal,
        }),
      ),
    enabled: Boolean(workspace && previewQuery),
    placeholderData: keepPreviousData,
    staleTime: KEEP_MS,
  });
  const previewUrl = useObjectUrl(preview.data);

  const download = useMutation({
    mutationFn: async (chosen: QrOptions) => {
      const name = qrFileName(code, chosen.format);
      const blob = await unwrap(
        api.GET("/api/v1/links/{code}/qr", {
          params: { path: { code }, query: { ...qrQuery(chosen, workspace, true), ...linkQuery(workspace, domain) } },
          parseAs: "blob",
        }),
      );
      save(blob, name);
      return name;
    },
  });

  // a refusal of the API stays on its field until the options change
  const set = (change: Partial<QrOptions>) => {
    setOptions((current) => ({ ...current, ...change }));
    if (download.isError) download.reset();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setSizeTouched(true);
    if (Object.keys(local).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    download.mutate(options, { onError: () => setAttempt((n) => n + 1) });
  }

  const apiError = download.error ?? preview.error;
  const errors = {
    size: (sizeTouched ? local.size : undefined) ?? fieldError(apiError, "size"),
    fg: local.fg ?? fieldError(apiError, "fg"),
    bg: local.bg ?? fieldError(apiError, "bg"),
  };
  const alt = `QR code of ${shortUrl}`;

  return (
    <div className="grid gap-6 rounded-lg border border-border bg-surface p-4 sm:grid-cols-[max-content_1fr] sm:p-5">
      <div className="flex flex-col items-center gap-2">
        <div className="flex size-48 items-center justify-center overflow-hidden rounded-md border border-border bg-surface-2 sm:size-56">
          {previewUrl ? (
            // an object URL of the API's SVG: next/image has nothing to optimise in a static export
            // eslint-disable-next-line @next/next/no-img-element
            <img src={previewUrl} alt={alt} width={224} height={224} className="size-full" />
          ) : preview.isError ? null : (
            <span role="status" className="text-sm text-muted">
              Drawing the QR code…
            </span>
          )}
        </div>
        {preview.isError && !errors.fg && !errors.bg ? (
          <p role="alert" className="max-w-56 text-center text-sm text-danger">
            Could not draw the preview: {preview.error.message}
          </p>
        ) : (
          <p className="max-w-56 text-center text-xs text-muted">Scans open the short URL and count as QR scans.</p>
        )}
      </div>
      <form ref={form} onSubmit={submit} noValidate className="min-w-0 space-y-4" aria-label="QR code options">
        <fieldset>
          <legend className="mb-2 text-sm font-medium">Format</legend>
          <div className="flex flex-wrap gap-2">
            {FORMATS.map((format) => (
              <label
                key={format.value}
                className="flex cursor-pointer items-center gap-2 rounded-md border border-border px-3 py-2 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus"
              >
                <input
                  type="radio"
                  name="qr-format"
                  value={format.value}
                  checked={options.format === format.value}
                  onChange={() => set({ format: format.value })}
                  className="accent-[var(--accent)]"
                />
                {format.label}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          label="Size in pixels"
          name="size"
          type="number"
          inputMode="numeric"
          min={QR_SIZE.min}
          max={QR_SIZE.max}
          step={1}
          value={options.size}
          onChange={(event) => set({ size: event.target.value })}
          onBlur={() => setSizeTouched(true)}
          hint={`${QR_SIZE.min} to ${QR_SIZE.max}; the side of the image.`}
          error={errors.size}
          className="max-w-48"
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <ColourField label="Foreground colour" name="fg" value={options.fg} error={errors.fg} onChange={(fg) => set({ fg })} />
          <ColourField label="Background colour" name="bg" value={options.bg} error={errors.bg} onChange={(bg) => set({ bg })} />
        </div>
        <FormError message={panelError(download.error)} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" pending={download.isPending}>
            Download {options.format.toUpperCase()}
          </Button>
          <span role="status" className="text-sm text-muted">
            {download.isSuccess && !download.isPending ? `Downloaded ${download.data}.` : ""}
          </span>
        </div>
      </form>
    </div>
  );
}

/** A colour as six hex digits, typed or picked. */
function ColourField({
  label,
  name,
  value,
  error,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <div className="flex items-start gap-2">
      <TextField
        label={label}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        maxLength={7}
        error={error}
        className="min-w-0 flex-1"
      />
      <input
        type="color"
        aria-label={`Pick the ${label.toLowerCase()}`}
        value={isHexColour(value) ? normalisedColour(value) : "#000000"}
        onChange={(event) => onChange(event.target.value)}
        className="mt-6 h-10 w-12 shrink-0 cursor-pointer rounded-md border border-border bg-surface p-1"
      />
    </div>
  );
}
