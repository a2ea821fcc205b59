// A link's QR code options, checked as the API checks them (GET /api/v1/links/{code}/qr,
// src-docs/api.md) so the panel says what is wrong before a round trip. The colour rule is held to
// the fixture the API is held to (contract/qr-colours.json); the API stays the judge.
import type { QrCodeQuery } from "@smo1/api-types";
import type { Errors } from "./validation";

export type QrFormat = "svg" | "png";

export const QR_SIZE = { min: 64, max: 2048, default: 512 } as const;
export const QR_MIN_CONTRAST = 3;

/** What the user chose, as typed: colours `#rrggbb` (or without `#`), the size as text. */
export interface QrOptions {
  format: QrFormat;
  size: string;
  fg: string;
  bg: string;
}

export const defaultQrOptions: QrOptions = { format: "svg", size: String(QR_SIZE.default), fg: "#000000", bg: "#ffffff" };

const HEX = /^#?[0-9a-fA-F]{6}$/;
const WHOLE = /^[0-9]{1,6}$/;

export function isHexColour(value: string): boolean {
  return HEX.test(value.trim());
}

/** `#rrggbb`, lower case, from six hex digits with or without `#`. */
export function normalisedColour(value: string): string {
  const digits = value.trim().replace(/^#/, "");
  return `#${digits.toLowerCase()}`;
}

function linear(channel: number): number {
  const value = channel / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2.2 relative luminance of a hex colour: 0 for black, 1 for white. */
export function relativeLuminance(colour: string): number {
  const rgb = Number.parseInt(colour.trim().replace(/^#/, ""), 16);
  return 0.2126 * linear((rgb >> 16) & 0xff) + 0.7152 * linear((rgb >> 8) & 0xff) + 0.0722 * linear(rgb & 0xff);
}

/** The WCAG contrast ratio of two hex colours: 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export type ColourVerdict = "ok" | "inverted" | "low_contrast";

/** Whether scanners read `fg` modules on `bg`: darker than the background, at least 3:1. */
export function colourVerdict(fg: string, bg: string): ColourVerdict {
  if (relativeLuminance(fg) > relativeLuminance(bg)) return "inverted";
  return contrastRatio(fg, bg) < QR_MIN_CONTRAST ? "low_contrast" : "ok";
}

/** Field errors by the API's parameter names (`size`, `fg`, `bg`); empty when all is well. */
export function checkQrOptions(options: QrOptions): Errors {
  const errors: Errors = {};
  const size = options.size.trim();
  if (!WHOLE.test(size) || Number(size) < QR_SIZE.min || Number(size) > QR_SIZE.max) {
    errors.size = `Enter a whole number of pixels from ${QR_SIZE.min} to ${QR_SIZE.max}.`;
  }
  if (!isHexColour(options.fg)) errors.fg = "Enter a colour as six hex digits, like #1a237e.";
  if (!isHexColour(options.bg)) errors.bg = "Enter a colour as six hex digits, like #ffffff.";
  if (errors.fg || errors.bg) return errors;
  const verdict = colourVerdict(options.fg, options.bg);
  if (verdict === "inverted") {
    errors.fg = "Use a foreground darker than the background: most scanners cannot read light on dark.";
  } else if (verdict === "low_contrast") {
    const ratio = Math.floor(contrastRatio(options.fg, options.bg) * 100) / 100;
    errors.fg = `These colours have a contrast of ${ratio.toFixed(2)}:1; scanners need at least 3:1.`;
  }
  return errors;
}

/** The API's query for these (valid) options: colours without `#`, the size as a number. */
export function qrQuery(options: QrOptions, workspace: string, download = false): QrCodeQuery {
  return {
    workspace,
    format: options.format,
    size: Number(options.size.trim()),
    fg: normalisedColour(options.fg).slice(1),
    bg: normalisedColour(options.bg).slice(1),
    ...(download ? { download: "1" as const } : {}),
  };
}

/** The name the API gives the file: `<code>-qr.svg` or `<code>-qr.png`. */
export function qrFileName(code: string, format: QrFormat): string {
  return `${code}-qr.${format}`;
}
