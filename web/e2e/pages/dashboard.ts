/**
 * Page objects of the dashboard (/app): one per page, elements found by role and label only, as
 * a person using a screen reader would find them.
 */
import { expect, type Download, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery staple";

export class SignUpPage {
  constructor(private readonly page: Page) {}

  async open(app: string) {
    await this.page.goto(`${app}/app/signup/`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Create your SMO1 account" })).toBeVisible();
  }

  async signUp(name: string, email: string, password = PASSWORD) {
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign up" }).click();
  }

  async expectSent() {
    await expect(this.page.getByRole("heading", { level: 1, name: "Check your inbox" })).toBeVisible();
  }
}

export class VerifyEmailPage {
  constructor(private readonly page: Page) {}

  async open(link: string) {
    await this.page.goto(link);
    await expect(this.page.getByRole("heading", { level: 1, name: "Verify your email" })).toBeVisible();
  }

  async expectVerified(email: string) {
    await expect(this.page.getByText(`${email} is verified.`)).toBeVisible();
  }
}

export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(app: string) {
    await this.page.goto(`${app}/app/login/`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Log in to SMO1" })).toBeVisible();
  }

  async logIn(email: string, password = PASSWORD) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Log in", exact: true }).click();
  }
}

export class LinksPage {
  constructor(private readonly page: Page) {}

  async expectOpen() {
    await expect(this.page.getByRole("heading", { level: 1, name: "Links" })).toBeVisible();
  }

  /** The workspace the dashboard shows, from its URL (?workspace=). */
  workspace(): string {
    const slug = new URL(this.page.url()).searchParams.get("workspace");
    if (!slug) throw new Error(`no workspace in ${this.page.url()}`);
    return slug;
  }

  results() {
    return this.page.getByRole("list").filter({ has: this.page.getByRole("button", { name: /^Copy short URL/ }) });
  }

  async filterByTag(tag: string) {
    await this.page.getByLabel("Tag", { exact: true }).fill(tag);
    await this.page.getByRole("button", { name: "Filter" }).click();
  }

  nextPage() {
    return this.page.getByRole("button", { name: "Next page" });
  }

  /** Ticks the first `count` links of the page (their checkboxes are named "Select …"). */
  async select(count: number) {
    const boxes = this.page.getByRole("checkbox", { name: /^Select (?!all)/ });
    for (let i = 0; i < count; i++) await boxes.nth(i).check();
  }

  async selectAllOnPage() {
    await this.page.getByRole("checkbox", { name: "Select all on this page" }).check();
  }

  /** Runs a bulk action of the toolbar and waits for its report. */
  async bulk(action: "Enable" | "Disable" | "Delete", report: string | RegExp) {
    const toolbar = this.page.getByRole("toolbar", { name: "Bulk actions" });
    await toolbar.getByRole("button", { name: action, exact: true }).click();
    if (action === "Delete") {
      await this.page.getByRole("dialog").getByRole("button", { name: "Delete links" }).click();
    }
    await expect(this.page.getByTestId("bulk-report")).toHaveText(report);
  }

  async bulkTag(tag: string, report: string | RegExp) {
    await this.page.getByLabel("Tag to add").fill(tag);
    await this.page.getByRole("button", { name: "Add tag" }).click();
    await expect(this.page.getByTestId("bulk-report")).toHaveText(report);
  }
}

export class LinkFormPage {
  constructor(private readonly page: Page) {}

  async openNew(app: string, workspace: string) {
    await this.page.goto(`${app}/app/links/new/?workspace=${workspace}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Create link" })).toBeVisible();
  }

  async create(target: string, alias: string, title?: string) {
    await this.page.getByLabel("Target URL").fill(target);
    await this.page.getByLabel("Alias (optional)").fill(alias);
    if (title) await this.page.getByLabel("Title (optional)").fill(title);
    await this.page.getByRole("button", { name: "Create link" }).click();
  }

  alias() {
    return this.page.getByLabel("Alias (optional)");
  }

  /** Chooses the domain of the new link (offered once the workspace has a verified custom domain). */
  async domain(name: string) {
    await this.page.getByLabel("Domain", { exact: true }).selectOption(name);
  }

  /** Fills the link options the form has beyond its basic fields (each only when given). */
  async options(options: { utmSource?: string; maxVisits?: string; fallback?: string; password?: string }) {
    if (options.utmSource) await this.page.getByLabel("Source").fill(options.utmSource);
    if (options.maxVisits) await this.page.getByLabel("Maximum visits").fill(options.maxVisits);
    if (options.fallback) await this.page.getByLabel("Fallback URL").fill(options.fallback);
    if (options.password) await this.page.getByLabel("Password", { exact: true }).fill(options.password);
  }

  /** Adds a targeting rule after the others: its target, languages (as typed) and devices (by name). */
  async addRule(rule: { target: string; languages?: string; devices?: string[] }) {
    await this.page.getByRole("button", { name: "Add rule" }).click();
    const added = this.page.getByRole("group", { name: /^Rule \d+$/ }).last();
    await added.getByLabel("Target URL").fill(rule.target);
    if (rule.languages) await added.getByLabel("Languages").fill(rule.languages);
    for (const device of rule.devices ?? []) await added.getByRole("checkbox", { name: device, exact: true }).check();
  }

  /** Starts an A/B test of these targets, at the weights the form proposes (even). */
  async abTest(targets: string[]) {
    await this.page.getByRole("button", { name: "Add an A/B test" }).click();
    for (const [i, target] of targets.entries()) {
      if (i >= 2) await this.page.getByRole("button", { name: "Add variant" }).click();
      await this.page.getByRole("group", { name: `Variant ${i + 1}` }).getByLabel("Target URL").fill(target);
    }
  }
}

export class LinkPage {
  constructor(private readonly page: Page) {}

  async open(app: string, workspace: string, code: string) {
    await this.page.goto(`${app}/app/links/view/?code=${code}&workspace=${workspace}`);
  }

  /** The link's targeting rules, each a sentence and its target. */
  rules() {
    return this.page.getByRole("list", { name: "Targeting rules" }).getByRole("listitem");
  }

  /** The variants of the link's A/B test. */
  variants() {
    return this.page.getByRole("list", { name: "Variants" }).getByRole("listitem");
  }

  /** The clicks total of the link's analytics. */
  clicks() {
    return this.page.getByRole("region", { name: "Totals" }).getByText("Clicks").locator("xpath=following-sibling::p[1]");
  }

  /** The preview of the link's QR code. */
  qrCodePreview() {
    return this.qrCodePanel().getByRole("img", { name: /^QR code of / });
  }

  /** Downloads the link's QR code from its panel as `format`, `size` pixels a side. */
  async downloadQrCode(format: "SVG" | "PNG", size: number): Promise<Download> {
    const panel = this.qrCodePanel();
    await panel.getByRole("radio", { name: format === "PNG" ? "PNG" : /^SVG/ }).check();
    await panel.getByLabel("Size in pixels").fill(String(size));
    const download = this.page.waitForEvent("download");
    await panel.getByRole("button", { name: `Download ${format}` }).click();
    return download;
  }

  private qrCodePanel() {
    return this.page.getByRole("region", { name: "QR code" });
  }

  /** Starts the live view of the link's clicks and waits until it is live. */
  async watchLive() {
    const panel = this.page.getByRole("region", { name: "Live clicks" });
    await panel.getByRole("button", { name: "Watch live" }).click();
    await expect(panel.getByRole("status")).toHaveText(/^Live/);
  }

  /** The rows of the live view, newest first. */
  liveClicks() {
    return this.page.getByRole("table", { name: "Live clicks" }).getByTestId("live-click");
  }
}

export class ApiKeysPage {
  constructor(private readonly page: Page) {}

  async open(app: string, workspace: string) {
    await this.page.goto(`${app}/app/api-keys/?workspace=${workspace}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  }

  /** Creates a key with the scopes given and returns it as shown (once). */
  async create(name: string, scopes: string[]): Promise<string> {
    await this.page.getByLabel("Key name").fill(name);
    for (const scope of scopes) await this.page.getByRole("checkbox", { name: new RegExp(`^${scope} `) }).check();
    await this.page.getByRole("button", { name: "Create key" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Copy your new API key" });
    await expect(dialog).toBeVisible();
    const key = await dialog.getByLabel("API key").inputValue();
    await dialog.getByRole("button", { name: "Done" }).click();
    return key;
  }

  async revoke(name: string) {
    await this.page.getByRole("button", { name: `Revoke key ${name}` }).click();
    const dialog = this.page.getByRole("dialog", { name: `Revoke the key “${name}”?` });
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await expect(this.page.getByRole("button", { name: `Revoke key ${name}` })).toHaveCount(0);
  }
}

export class DomainsPage {
  constructor(private readonly page: Page) {}

  async open(app: string, workspace: string) {
    await this.page.goto(`${app}/app/domains/?workspace=${workspace}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Domains" })).toBeVisible();
  }

  async add(name: string) {
    await this.page.getByLabel("Domain name").fill(name);
    await this.page.getByRole("button", { name: "Add domain" }).click();
  }

  /** One domain's part of the page: a region named by the domain. */
  domain(name: string) {
    return this.page.getByRole("region", { name, exact: true });
  }

  /** The DNS records the page says to create, as shown: the TXT record's name and token, the CNAME's name and target. */
  async records(name: string) {
    const domain = this.domain(name);
    const read = (label: string) => domain.getByLabel(label, { exact: true }).inputValue();
    return {
      txtName: await read("TXT record name"),
      token: await read("TXT record value"),
      cnameName: await read("CNAME record name"),
      cnameTarget: await read("CNAME record value"),
    };
  }

  /** Checks the domain's DNS now. */
  async checkNow(name: string) {
    await this.domain(name).getByRole("button", { name: `Check now ${name}` }).click();
  }

  /** What the last "Check now" found, as the page announces it. */
  checkResult(name: string) {
    return this.domain(name).getByText(/^Checked just now/);
  }

  async setNotFoundUrl(name: string, url: string) {
    const domain = this.domain(name);
    await domain.getByLabel("Not-found URL").fill(url);
    await domain.getByRole("button", { name: `Save settings of ${name}` }).click();
    await expect(domain.getByText("Settings saved.")).toBeVisible();
  }

  /** Opens the removal's confirmation dialog; the dialog, to read and confirm. */
  async askToRemove(name: string) {
    await this.page.getByRole("button", { name: `Remove domain ${name}` }).click();
    const dialog = this.page.getByRole("dialog", { name: `Remove ${name}?` });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}

export class MembersPage {
  constructor(private readonly page: Page) {}

  async open(app: string, workspace: string) {
    await this.page.goto(`${app}/app/members/?workspace=${workspace}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  }

  async invite(email: string, role: string) {
    await this.page.getByLabel("Email to invite").fill(email);
    await this.page.getByLabel("Role", { exact: true }).selectOption(role);
    await this.page.getByRole("button", { name: "Send invitation" }).click();
  }
}

export class AcceptInvitationPage {
  constructor(private readonly page: Page) {}

  async accept() {
    await expect(this.page.getByRole("heading", { level: 1, name: "Join a workspace" })).toBeVisible();
    await this.page.getByRole("button", { name: "Accept invitation" }).click();
  }
}

export class AccountMenu {
  constructor(private readonly page: Page) {}

  async logOut() {
    await this.page.getByRole("button", { name: /account menu$/ }).click();
    await this.page.getByRole("menuitem", { name: "Log out" }).or(this.page.getByRole("button", { name: "Log out" })).click();
  }
}

export class BillingPage {
  constructor(private readonly page: Page) {}

  async open(app: string, workspace: string) {
    await this.page.goto(`${app}/app/billing/?workspace=${workspace}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  }

  async expectPlan(name: string) {
    await expect(this.page.getByRole("heading", { level: 2, name: `Current plan: ${name}` })).toBeVisible({ timeout: 20_000 });
  }

  /** The figure of a usage meter, as shown ("3 of 50"). */
  usage(label: string) {
    return this.page.getByTestId(`usage-${label}`);
  }

  async upgradeTo(plan: string) {
    await this.page.getByRole("button", { name: `Upgrade to ${plan}` }).click();
  }

  async manageBilling() {
    await this.page.getByRole("button", { name: "Manage billing" }).click();
  }
}

/** The local Stripe stand-in's hosted Checkout page (Stripe's own in production). */
export class StripeCheckout {
  constructor(private readonly page: Page) {}

  async pay(card = "4242 4242 4242 4242") {
    await expect(this.page.getByRole("button", { name: "Pay and subscribe" })).toBeVisible();
    await this.page.getByLabel("Card number").fill(card);
    await this.page.getByRole("button", { name: "Pay and subscribe" }).click();
  }
}

/** The local Stripe stand-in's Customer Portal. */
export class StripePortal {
  constructor(private readonly page: Page) {}

  async cancelPlan() {
    await this.page.getByRole("button", { name: "Cancel plan" }).click();
    await expect(this.page.getByRole("button", { name: "Renew plan" })).toBeVisible();
  }

  async returnToSmo1() {
    await this.page.getByRole("link", { name: "Return to SMO1" }).click();
  }
}
