"use client";

import { useState, type RefObject } from "react";
import { toFormErrors } from "@/lib/errors";
import type { Errors } from "@/lib/validation";
import { useFocusFirstInvalid } from "./Field";

/**
 * Error state of a form: the client's checks first, then the API's answer mapped onto the form's
 * fields (`fields`; `aliases` renames API field names). Focus goes to the first invalid control
 * after each failed submit.
 */
export function useFormErrors(
  ref: RefObject<HTMLFormElement | null>,
  fields: readonly string[],
  aliases: Record<string, string> = {},
) {
  const [client, setClient] = useState<Errors>({});
  const [apiError, setApiError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(ref, attempt);

  const mapped = toFormErrors(apiError, fields, aliases);
  const hasClient = Object.keys(client).length > 0;
  return {
    errors: hasClient ? client : mapped.fields,
    formError: hasClient ? undefined : mapped.form,
    /** Records the client's findings; true when the form may be sent. */
    check(found: Errors): boolean {
      setClient(found);
      setApiError(null);
      if (Object.keys(found).length > 0) {
        setAttempt((n) => n + 1);
        return false;
      }
      return true;
    },
    /** Shows the API's refusal. */
    fail(error: unknown) {
      setApiError(error);
      setAttempt((n) => n + 1);
    },
    clear() {
      setClient({});
      setApiError(null);
    },
  };
}
