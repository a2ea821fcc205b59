import { act, render, screen } from "@testing-library/react";
import { useRef } from "react";
import { describe, expect, it } from "vitest";
import { ApiRequestError } from "@/lib/errors";
import { FormError, TextField } from "./Field";
import { useFormErrors } from "./useForm";

let form: ReturnType<typeof useFormErrors>;

function LinkLikeForm() {
  const ref = useRef<HTMLFormElement>(null);
  // the test drives the hook from outside, as a page's submit handler and mutation do
  // eslint-disable-next-line react-hooks/globals
  form = useFormErrors(ref, ["target", "alias"]);
  return (
    <form ref={ref}>
      <FormError message={form.formError} />
      <TextField label="Target URL" name="target" error={form.errors.target} />
      <TextField label="Alias" name="alias" error={form.errors.alias} hint="3 to 64 characters" />
    </form>
  );
}

describe("form errors", () => {
  it("marks the field the API names, describes it by the API's message and focuses it", () => {
    render(<LinkLikeForm />);
    act(() => form.fail(new ApiRequestError(409, { code: "alias_taken", message: "alias 'docs' is taken", field: "alias" })));
    const alias = screen.getByLabelText("Alias");
    expect(alias).toHaveProperty("ariaInvalid", "true");
    const described = (alias.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(["3 to 64 characters", "alias 'docs' is taken"]);
    expect(document.activeElement).toBe(alias);
    expect(screen.getByLabelText("Target URL").getAttribute("aria-invalid")).toBeNull();
  });

  it("focuses the first of several client-side findings", () => {
    render(<LinkLikeForm />);
    act(() => {
      form.check({ alias: "too short", target: "enter a URL" });
    });
    expect(document.activeElement).toBe(screen.getByLabelText("Target URL"));
  });

  it("shows an error without a field of the form above it, as an alert", () => {
    render(<LinkLikeForm />);
    act(() => form.fail(new ApiRequestError(429, { code: "rate_limited", message: "Too many requests", field: null })));
    expect(screen.getByRole("alert").textContent).toBe("Too many requests");
    expect(document.activeElement).toBe(screen.getByRole("alert"));
  });
});
