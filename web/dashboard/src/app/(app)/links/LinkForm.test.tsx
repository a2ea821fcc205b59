import type { Domain, Link } from "@smo1/api-types";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { ApiRequestError } from "@/lib/errors";
import { createLinkBody, updateLinkBody, type LinkFormValues } from "@/lib/validation";
import { LinkForm } from "./LinkForm";

const link: Link = {
  code: "docs",
  domain: "s.example",
  shortUrl: "https://s.example/docs",
  target: "https://example.com/",
  redirectType: 302,
  expiresAt: null,
  title: null,
  tags: [],
  forwardQuery: false,
  rules: [
    { when: { language: ["de"] }, target: "https://example.com/de" },
    { when: { device: ["mobile"], query: { ref: "news" } }, target: "https://example.com/m" },
  ],
  variants: [],
  variantsUntil: null,
  utm: null,
  expiredUrl: null,
  preview: null,
  maxVisits: null,
  visits: 0,
  passwordProtected: false,
  status: "active",
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
};

function Editing({ error = null, onSubmit }: { error?: unknown; onSubmit?: (values: LinkFormValues) => void }) {
  const [sent, setSent] = useState<unknown>(null);
  return (
    <>
      <LinkForm
        link={link}
        submitLabel="Save changes"
        pending={false}
        error={error}
        cancelHref="/links/"
        onSubmit={(values) => {
          setSent(updateLinkBody(link, values));
          onSubmit?.(values);
        }}
      />
      <output data-testid="sent">{JSON.stringify(sent)}</output>
    </>
  );
}

const rule = (n: number) => screen.getByRole("group", { name: `Rule ${n}` });

describe("the link form's rules and A/B test", () => {
  it("loads the link's rules, and shows the API's refusal at the control it names, focused", () => {
    const refused = new ApiRequestError(422, { code: "invalid_rules", message: "country must hold ISO codes", field: "rules[1].when.country" });
    render(<Editing error={refused} />);
    expect(within(rule(1)).getByLabelText("Languages")).toHaveProperty("value", "de");
    expect(within(rule(2)).getByRole("checkbox", { name: "Mobile" })).toHaveProperty("checked", true);
    const countries = within(rule(2)).getByLabelText("Countries");
    expect(countries.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(countries);
    expect(within(rule(1)).getByLabelText("Countries").getAttribute("aria-invalid")).toBeNull();
  });

  it("shows a query value's refusal at its row", () => {
    const refused = new ApiRequestError(422, { code: "invalid_rules", message: "too long", field: "rules[1].when.query.ref" });
    render(<Editing error={refused} />);
    expect(within(rule(2)).getByLabelText("Value").getAttribute("aria-invalid")).toBe("true");
  });

  it("reorders and removes rules by keyboard, keeping focus on the control that moved, and sends all rules", async () => {
    const user = userEvent.setup();
    render(<Editing />);
    const down = within(rule(1)).getByRole("button", { name: "Move down rule 1" });
    down.focus();
    await user.keyboard("{Enter}");
    expect(within(rule(1)).getByLabelText("Target URL")).toHaveProperty("value", "https://example.com/m");
    expect(document.activeElement).toBe(within(rule(2)).getByRole("button", { name: "Move down rule 2" }));
    expect(document.activeElement?.getAttribute("aria-disabled")).toBe("true");

    await user.click(within(rule(1)).getByRole("button", { name: "Remove rule 1" }));
    expect(screen.queryByRole("group", { name: "Rule 2" })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Add rule" }));

    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(JSON.parse(screen.getByTestId("sent").textContent ?? "null")).toEqual({
      rules: [{ when: { language: ["de"] }, target: "https://example.com/de" }],
    });
  });

  it("starts an A/B test of two even variants, checks them, and ends it", async () => {
    const user = userEvent.setup();
    render(<Editing />);
    await user.click(screen.getByRole("button", { name: "Add an A/B test" }));
    const first = screen.getByRole("group", { name: "Variant 1" });
    expect(document.activeElement).toBe(within(first).getByLabelText("Target URL"));
    expect(within(first).getByText(/50\s?%.* of new visitors/)).toBeTruthy();
    await user.type(within(first).getByLabelText("Target URL"), "https://example.com/a");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    const second = within(screen.getByRole("group", { name: "Variant 2" })).getByLabelText("Target URL");
    expect(second.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(second);

    await user.click(screen.getByRole("button", { name: "Remove the A/B test" }));
    expect(screen.queryByRole("group", { name: "Variant 1" })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Add an A/B test" }));
  });
});

describe("the link form's domain", () => {
  const domain = (name: string, status: Domain["status"]): Domain => ({
    domain: name,
    status,
    createdAt: "2026-01-01T00:00:00Z",
    verifiedAt: "2026-01-01T00:01:00Z",
    checkedAt: null,
    nextCheckAt: null,
    problem: null,
    records: [],
    settings: {},
  });

  function Creating({ domains, error = null }: { domains: Domain[]; error?: unknown }) {
    const [sent, setSent] = useState<unknown>(null);
    return (
      <>
        <LinkForm domains={domains} submitLabel="Create link" pending={false} error={error} cancelHref="/links/" onSubmit={(values) => setSent(createLinkBody(values))} />
        <output data-testid="sent">{JSON.stringify(sent)}</output>
      </>
    );
  }
  const sent = () => JSON.parse(screen.getByTestId("sent").textContent ?? "null") as Record<string, unknown>;

  it("is not offered without a custom domain", () => {
    render(<Creating domains={[]} />);
    expect(screen.queryByLabelText("Domain")).toBeNull();
  });

  it("offers the default domain first, then the custom ones, and names a custom one only when chosen", async () => {
    const user = userEvent.setup();
    render(<Creating domains={[domain("go.shop.test", "verified"), domain("old.shop.test", "failing")]} />);
    const select = screen.getByLabelText("Domain");
    expect(within(select).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Default domain",
      "go.shop.test",
      "old.shop.test (DNS check failing)",
    ]);
    await user.type(screen.getByLabelText("Target URL"), "https://example.com/a");
    await user.click(screen.getByRole("button", { name: "Create link" }));
    expect(sent()).not.toHaveProperty("domain");
    await user.selectOptions(select, "go.shop.test");
    await user.click(screen.getByRole("button", { name: "Create link" }));
    expect(sent().domain).toBe("go.shop.test");
  });

  it("shows the API's refusal of the domain on the select", () => {
    const refused = new ApiRequestError(422, { code: "invalid_domain", message: "domain must be verified", field: "domain" });
    render(<Creating domains={[domain("go.shop.test", "verified")]} error={refused} />);
    expect(screen.getByLabelText("Domain").getAttribute("aria-invalid")).toBe("true");
  });
  it("shows above an existing link's form a refusal naming its domain, which that form does not show", () => {
    const refused = new ApiRequestError(422, { code: "invalid_domain", message: "the link's domain is not a verified custom domain of this workspace any more", field: "domain" });
    render(<Editing error={refused} />);
    expect(screen.queryByLabelText("Domain")).toBeNull();
    expect(screen.getByRole("alert").textContent).toBe("the link's domain is not a verified custom domain of this workspace any more");
  });
});
