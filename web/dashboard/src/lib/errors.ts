// The API's one error body ({code, message, field}) as an exception for TanStack Query, and its
// mapping onto form fields.
import type { ApiError, ErrorCode } from "@smo1/api-types";

/** The API's codes, and the dashboard's own for answers that are not the API's body. */
export type Code = ErrorCode | "network" | "http_error";
export type ErrorBodyLike = Omit<ApiError, "code"> & { code: Code };

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: Code;
  readonly field: string | null;

  constructor(status: number, body: ErrorBodyLike) {
    super(body.message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = body.code;
    this.field = body.field ?? null;
  }
}

function isErrorBody(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** What the user reads when an answer is not the API's error body (a proxy's 502 page…). */
export function fallbackError(status: number): ErrorBodyLike {
  if (status === 0) {
    return { code: "network", message: "Could not reach SMO1. Check your connection and try again.", field: null };
  }
  if (status >= 500) {
    return { code: "unavailable", message: `SMO1 is not available right now (HTTP ${status}). Try again in a moment.`, field: null };
  }
  return { code: "http_error", message: `The request failed (HTTP ${status}).`, field: null };
}

/**
 * The data of an openapi-fetch call, or an ApiRequestError carrying the API's error body (or a
 * readable stand-in when the answer was not one, or the network failed).
 */
export async function unwrap<Data>(
  call: Promise<{ data?: Data; error?: unknown; response: Response }>,
): Promise<Data> {
  let result: { data?: Data; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiRequestError(0, fallbackError(0));
  }
  const { response } = result;
  if (response.ok) return result.data as Data;
  throw new ApiRequestError(
    response.status,
    isErrorBody(result.error) ? result.error : fallbackError(response.status),
  );
}

export function isApiError(error: unknown, code?: Code): error is ApiRequestError {
  return error instanceof ApiRequestError && (code === undefined || error.code === code);
}

/** The session is missing, expired or revoked: the page should send the user to log in. */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401 && error.code === "unauthorized";
}

export interface FormErrors {
  /** Messages by form field name. */
  fields: Record<string, string>;
  /** A message that names no field of the form (shown above the form). */
  form?: string;
}

/**
 * Maps an error onto a form: the API's `field` becomes the form field of the same name, or the one
 * `aliases` maps it to (the API names the new password of a password change `password`); a field
 * the form does not have, or none, makes it a form-level message.
 */
export function toFormErrors(
  error: unknown,
  formFields: readonly string[],
  aliases: Record<string, string> = {},
): FormErrors {
  if (!error) return { fields: {} };
  const message = error instanceof Error ? error.message : "Something went wrong. Try again.";
  if (error instanceof ApiRequestError && error.field) {
    const field = aliases[error.field] ?? error.field;
    if (formFields.includes(field)) return { fields: { [field]: message } };
  }
  return { fields: {}, form: message };
}
