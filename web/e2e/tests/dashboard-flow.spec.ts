/**
 * The dashboard end to end, as two people use it: sign up, verify from the local inbox, log in,
 * create a link with an alias, follow it at the origin and at the edge, see the click in its
 * analytics and in its live view, route a link's visitors by its rules and A/B test, download its QR code and scan it,
 * add a custom domain and verify it against a real DNS server, make a link on it and open its page, make an API key
 * and use it, revoke it, invite a viewer who may read but not edit, log out. Every page on the way
 * passes axe and is screenshotted at 375 and 1280 px.
 */
import { readFile } from "node:fs/promises";
import { expect, request, test, type Browser, type BrowserContext } from "@playwright/test";
import { createServer } from "node:http";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { Webhook } from "standardwebhooks";
import {
  AcceptInvitationPage,
  AccountMenu,
  ApiKeysPage,
  DomainsPage,
  LinkFormPage,
  LinkPage,
  LinksPage,
  LoginPage,
  MembersPage,
  SignUpPage,
  VerifyEmailPage,
} from "../pages/dashboard";
import { expectAccessible } from "../support/axe";
import { CNAME_TARGET, setDnsRecords } from "../support/dns";
import { linkIn, mailTo } from "../support/inbox";
import { screenshots } from "../support/screenshots";
import { readStack } from "../support/stack";

// a browser as visitors have it (headless Chromium's own user agent reads as a robot, and
// analytics leave robots out)
const VISITOR_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

const run = Date.now().toString(36);
const owner = { name: "Ada Owner", email: `ada-${run}@example.com` };
const viewer = { name: "Grace Viewer", email: `grace-${run}@example.com` };
const alias = `launch-${run}`;
const target = "https://example.com/launch";

test.describe.configure({ mode: "serial", timeout: 180_000 });

/** Signs up, verifies the address from the local inbox, logs in; returns the page on its links. */
async function newAccount(browser: Browser, person: { name: string; email: string }, shoot: boolean) {
  const app = readStack().app;
  const context = await browser.newContext();
  const page = await context.newPage();
  const signUp = new SignUpPage(page);
  await signUp.open(app);
  if (shoot) {
    await expectAccessible(page, "sign up");
    await screenshots(page, "dashboard-signup");
  }
  await signUp.signUp(person.name, person.email);
  await signUp.expectSent();

  const mail = await mailTo(person.email, /verify/i);
  const verify = new VerifyEmailPage(page);
  await verify.open(linkIn(mail, `${app}/app/verify-email`));
  await verify.expectVerified(person.email);

  const login = new LoginPage(page);
  await login.open(app);
  if (shoot) {
    await expectAccessible(page, "log in");
    await screenshots(page, "dashboard-login");
  }
  await login.logIn(person.email);
  await new LinksPage(page).expectOpen();
  return { context, page };
}

let ownerContext: BrowserContext;
let workspace: string;

test("sign up, verify from the inbox, log in, create a link with an alias", async ({ browser }) => {
  const app = readStack().app;
  const { context, page } = await newAccount(browser, owner, true);
  ownerContext = context;
  const links = new LinksPage(page);
  workspace = links.workspace();
  await expectAccessible(page, "links (empty)");

  const form = new LinkFormPage(page);
  await form.openNew(app, workspace);
  await expectAccessible(page, "create link");
  await screenshots(page, "dashboard-create-link");
  await form.create(target, alias, "Launch");
  await expect(page.getByRole("heading", { level: 1, name: "Launch" })).toBeVisible();
  await expectAccessible(page, "link page");
});

test("the form shows the API's field error: an alias already taken", async () => {
  const page = ownerContext.pages()[0]!;
  const form = new LinkFormPage(page);
  await form.openNew(readStack().app, workspace);
  await form.create("https://example.com/other", alias);
  await expect(form.alias()).toHaveAttribute("aria-invalid", "true");
  const describedBy = await form.alias().getAttribute("aria-describedby");
  expect(describedBy).toBeTruthy();
  const descriptions = await Promise.all(
    describedBy!.split(" ").map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  expect(descriptions.join(" ")).toMatch(/taken|exists|in use/i);
  await expect(form.alias()).toBeFocused();
});

test("a link with UTM, one visit and a password: the visitor gives the password and is redirected with the UTM, the next one gets the fallback", async ({ browser }) => {
  const app = readStack().app;
  const page = ownerContext.pages()[0]!;
  const form = new LinkFormPage(page);
  const locked = `members-${run}`;
  await form.openNew(app, workspace);
  await page.getByLabel("Target URL").fill("https://example.com/members");
  await page.getByLabel("Alias (optional)").fill(locked);
  await page.getByLabel("Title (optional)").fill("Members only");
  await form.options({ utmSource: "newsletter", maxVisits: "1", fallback: "https://example.com/sold-out", password: "open sesame" });
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Members only" })).toBeVisible();

  // the targets are on the internet, out of reach here: answered by the visitor's browser itself
  const visit = async () => {
    const visitor = await browser.newContext({ userAgent: VISITOR_AGENT });
    const tab = await visitor.newPage();
    await tab.route("https://example.com/**", (route) => route.fulfill({ contentType: "text/html", body: "<title>target</title>" }));
    await tab.goto(`${app}/${locked}`);
    await expect(tab.getByRole("heading", { level: 1, name: "Password required" })).toBeVisible();
    return { visitor, tab };
  };
  const first = await visit();
  await expectAccessible(first.tab, "a protected link's password page");
  await first.tab.getByLabel("Password").fill("wrong guess");
  await first.tab.getByRole("button", { name: "Continue" }).click();
  await expect(first.tab.getByRole("alert")).toContainText("not right");
  await first.tab.getByLabel("Password").fill("open sesame");
  await first.tab.getByRole("button", { name: "Continue" }).click();
  await expect(first.tab).toHaveURL("https://example.com/members?utm_source=newsletter");
  await first.visitor.close();

  const second = await visit();
  await second.tab.getByLabel("Password").fill("open sesame");
  await second.tab.getByRole("button", { name: "Continue" }).click();
  await expect(second.tab).toHaveURL("https://example.com/sold-out");
  await second.visitor.close();
});

test("a link with targeting rules and an A/B test: a German-speaking visitor gets the German page, another a variant kept on the next visit", async ({ browser }) => {
  const app = readStack().app;
  const page = ownerContext.pages()[0]!;
  const form = new LinkFormPage(page);
  const routed = `routed-${run}`;
  // targets a visitor's browser can reach here: a page of the node itself (a page path, so no
  // redirect loop), told apart by the query (a redirect's next hop is not for page.route to answer)
  const landing = (to: string) => `${app}/app/login/?to=${to}`;
  const variants = [landing("variant-a"), landing("variant-b")];
  await form.openNew(app, workspace);
  await page.getByLabel("Target URL").fill("https://example.com/everyone");
  await page.getByLabel("Alias (optional)").fill(routed);
  await form.addRule({ target: landing("de"), languages: "de" });
  await form.addRule({ target: "https://example.com/phones", devices: ["Mobile"] });
  await form.abTest(variants);
  await expectAccessible(page, "create link with rules and an A/B test");
  await screenshots(page, "dashboard-link-rules");
  await page.getByRole("button", { name: "Create link" }).click();

  await expect(page.getByRole("heading", { level: 1, name: routed })).toBeVisible();
  const link = new LinkPage(page);
  await expect(link.rules()).toHaveCount(2);
  await expect(link.rules().nth(0)).toContainText("Language is de");
  await expect(link.rules().nth(0).getByRole("link", { name: landing("de") })).toBeVisible();
  await expect(link.rules().nth(1)).toContainText("Device is mobile");
  await expect(link.variants()).toHaveCount(2);
  await expect(link.variants().nth(0)).toContainText(/variant-a.*50\s?%/);
  await expectAccessible(page, "link page with rules and an A/B test");

  // the browser's language is its Accept-Language (the config's locale, en-US, would win over an
  // extra header)
  const visitor = async (locale: string) => {
    const context = await browser.newContext({ userAgent: VISITOR_AGENT, locale });
    return { context, tab: await context.newPage() };
  };
  const german = await visitor("de-DE");
  await german.tab.goto(`${app}/${routed}`);
  await expect(german.tab).toHaveURL(landing("de"));
  await german.context.close();

  // no rule holds for an English-speaking desktop visitor: a variant, and the cookie that keeps it
  const other = await visitor("en-US");
  await other.tab.goto(`${app}/${routed}`);
  const first = other.tab.url();
  expect(variants).toContain(first);
  const cookie = (await other.context.cookies(`${app}/${routed}`)).find((c) => c.name === "smo1_variant");
  expect(cookie?.value).toBe(String(variants.indexOf(first)));
  await other.tab.goto(`${app}/${routed}`);
  await expect(other.tab).toHaveURL(first);
  await other.context.close();
});

test("the link redirects at the origin and at the edge, and its clicks show in its analytics within 10 s", async ({ browser }) => {
  const { app, edge } = readStack();
  // a visitor's browser asks for the short link (the target is on the internet, out of reach
  // here, so the redirect is not followed further)
  const visitor = await browser.newContext({ userAgent: VISITOR_AGENT });
  for (const base of [app, edge]) {
    const response = await visitor.request.get(`${base}/${alias}`, {
      maxRedirects: 0,
      headers: { "User-Agent": VISITOR_AGENT, Accept: "text/html" },
    });
    expect(response.status(), `${base}/${alias}`).toBe(302);
    expect(response.headers()["location"]).toBe(target);
  }
  const followed = Date.now();
  await visitor.close();

  const page = ownerContext.pages()[0]!;
  const link = new LinkPage(page);
  await expect
    .poll(
      async () => {
        await link.open(app, workspace, alias);
        return Number((await link.clicks().textContent())?.replace(/\D/g, "") ?? 0);
      },
      { timeout: 10_000 - (Date.now() - followed), intervals: [500, 1000] },
    )
    .toBe(2);
  await screenshots(page, "dashboard-link-analytics");
});

test("the link's QR code downloads as a PNG that scans as its short URL with the scan marker", async () => {
  const app = readStack().app;
  const page = ownerContext.pages()[0]!;
  // the short URL as the API gives it, read with the page's own session
  const read = await page.request.get(`${app}/api/v1/links/${alias}?workspace=${workspace}`);
  expect(read.status()).toBe(200);
  const { shortUrl } = (await read.json()) as { shortUrl: string };
  const link = new LinkPage(page);
  await link.open(app, workspace, alias);
  await expect(link.qrCodePreview()).toBeVisible();
  await expect.poll(() => link.qrCodePreview().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  const download = await link.downloadQrCode("PNG", 600);

  expect(download.suggestedFilename()).toBe(`${alias}-qr.png`);
  const png = PNG.sync.read(await readFile(await download.path()));
  expect([png.width, png.height]).toEqual([600, 600]);
  const scanned = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  expect(scanned?.data).toBe(`${shortUrl}?qr=1`);
  await screenshots(page, "dashboard-link-qr-code");
});

test("the live view shows each click of the link as it happens, from the origin and the edge", async ({ browser }) => {
  const { app, edge } = readStack();
  const page = ownerContext.pages()[0]!;
  const link = new LinkPage(page);
  await link.open(app, workspace, alias);
  await link.watchLive();
  await expect(link.liveClicks()).toHaveCount(0);

  const visitor = await browser.newContext({ userAgent: VISITOR_AGENT });
  const origin = await visitor.request.get(`${app}/${alias}?qr=1`, {
    maxRedirects: 0,
    headers: { "User-Agent": VISITOR_AGENT, Accept: "text/html", Referer: "https://www.news.example/story" },
  });
  expect(origin.status()).toBe(302);
  const rows = link.liveClicks();
  await expect(rows).toHaveCount(1, { timeout: 5_000 });
  await expect(rows.first()).toContainText("Chrome");
  await expect(rows.first()).toContainText("news.example");
  await expect(rows.first()).toContainText("QR code");

  // the edge's click reaches the origin's click stream through the queue, then the view
  const atEdge = await visitor.request.get(`${edge}/${alias}`, { maxRedirects: 0, headers: { "User-Agent": VISITOR_AGENT, Accept: "text/html" } });
  expect(atEdge.status()).toBe(302);
  await expect(rows).toHaveCount(2, { timeout: 10_000 });
  await expect(rows.first()).toContainText("Direct");
  await visitor.close();
  await expectAccessible(page, "link page with live clicks");
  await screenshots(page, "dashboard-live-clicks");
});

test("a platform admin takes a reported link down from the abuse queue: 451 at the edge, the owner sees it taken down", async ({ browser }) => {
  const { app, edge, adminEmail, adminPassword } = readStack();
  const page = ownerContext.pages()[0]!;
  const reported = `reported-${run}`;
  const csrf = (await ownerContext.cookies()).find((c) => c.name === "smo1_csrf")?.value ?? "";
  const created = await page.request.post(`${app}/api/v1/links?workspace=${workspace}`, {
    headers: { "X-CSRF-Token": csrf, Origin: new URL(app).origin },
    data: { target: "https://example.com/shady", alias: reported },
  });
  expect(created.status()).toBe(201);
  // a visitor, and anyone reporting, without a login
  const anonymous = await request.newContext();
  await expect.poll(async () => (await anonymous.get(`${edge}/${reported}`, { maxRedirects: 0 })).status()).toBe(302);

  const report = await anonymous.post(`${app}/api/v1/abuse-reports`, {
    data: { url: `${new URL(app).host}/${reported}`, reason: "phishing", details: "asks for a bank login" },
  });
  expect(report.status(), await report.text()).toBe(201);

  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  const login = new LoginPage(adminPage);
  await login.open(app);
  await login.logIn(adminEmail, adminPassword);
  await adminPage.getByRole("link", { name: "Abuse reports" }).click();
  const queue = adminPage.getByRole("list", { name: "Open reports" });
  await expect(queue.getByText("asks for a bank login")).toBeVisible();
  await expectAccessible(adminPage, "abuse reports");
  await screenshots(adminPage, "dashboard-abuse-reports");
  await queue.getByRole("button", { name: new RegExp(`^Take down .*/${reported}$`) }).click();
  const dialog = adminPage.getByRole("dialog", { name: new RegExp(`^Take down .*/${reported}\\?$`) });
  await dialog.getByRole("button", { name: "Take down" }).click();
  await expect(adminPage.getByText("asks for a bank login")).toHaveCount(0);
  const acknowledged = Date.now();
  await adminContext.close();

  // the edge serves the abuse page from its KV record within seconds
  await expect
    .poll(async () => (await anonymous.get(`${edge}/${reported}`, { maxRedirects: 0 })).status(), {
      timeout: 10_000 - (Date.now() - acknowledged),
      intervals: [100, 250, 500],
    })
    .toBe(451);
  const atEdge = await anonymous.get(`${edge}/${reported}`, { maxRedirects: 0, headers: { Accept: "text/html" } });
  expect(atEdge.headers()["x-smo1-source"]).toBe("edge");
  expect(await atEdge.text()).toContain("Link disabled for abuse");
  await anonymous.dispose();

  const link = new LinkPage(page);
  await link.open(app, workspace, reported);
  await expect(page.getByText("Taken down", { exact: true })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "taken down by the platform for abuse" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Disable" })).toHaveCount(0);
  expect((await mailTo(owner.email, /disabled for abuse/)).subject).toContain(reported);
});

test("a webhook endpoint added in the dashboard gets the link's creation, signed, after a failure; its delivery log shows both attempts and sends it again", async () => {
  const app = readStack().app;
  await putOnPlan(workspace, "business");
  // the receiver: the first attempt fails, the others are taken
  const received: { headers: Record<string, string>; body: string; status: number }[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const status = received.length === 0 ? 500 : 204;
      received.push({ headers: req.headers as Record<string, string>, body, status });
      res.writeHead(status).end(status === 500 ? "not now" : undefined);
    });
  });
  await new Promise<void>((ok) => receiver.listen(0, "127.0.0.1", ok));
  const port = (receiver.address() as { port: number }).port;
  try {
    const page = ownerContext.pages()[0]!;
    await page.goto(`${app}/app/webhooks/?workspace=${workspace}`);
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await page.getByLabel("Endpoint URL").fill(`http://127.0.0.1:${port}/hook`);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);

    const hooked = `hooked-${run}`;
    const csrf = (await ownerContext.cookies()).find((c) => c.name === "smo1_csrf")?.value ?? "";
    const created = await page.request.post(`${app}/api/v1/links?workspace=${workspace}`, {
      headers: { "X-CSRF-Token": csrf, Origin: new URL(app).origin },
      data: { target: "https://example.com/hooked", alias: hooked },
    });
    expect(created.status()).toBe(201);
    // the first attempt at once, the retry 5 s after its failure
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const webhook = new Webhook(secret);
    for (const message of received) {
      const payload = webhook.verify(message.body, message.headers) as { type: string; data: { code: string } };
      expect(payload.type).toBe("link.created");
      expect(payload.data.code).toBe(hooked);
    }
    expect(received[1]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);

    const endpoint = page.getByRole("listitem", { name: `Endpoint http://127.0.0.1:${port}/hook` });
    await endpoint.getByRole("button", { name: "Delivery log" }).click();
    const row = endpoint.getByTestId("webhook-delivery").first();
    await expect(row).toContainText("Delivered", { timeout: 10_000 });
    await expect(row).toContainText("204 in");
    await expect(row.getByRole("cell").nth(2)).toHaveText("2");
    await expectAccessible(page, "webhooks");
    await screenshots(page, "dashboard-webhooks");

    const before = received.length;
    await row.getByRole("button", { name: "Send again" }).click();
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(before + 1);
    expect(received.at(-1)!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
  } finally {
    receiver.close();
  }
});

test("add and verify a custom domain: its records from the page into a real DNS server, verified, a link on it, removed", async () => {
  const { app, dns } = readStack();
  const page = ownerContext.pages()[0]!;
  const name = "go.shop.test";
  // the free plan has no custom domain: a team plan has one
  await putOnPlan(workspace, "pro");
  const domains = new DomainsPage(page);
  await domains.open(app, workspace);
  await expectAccessible(page, "domains (none yet)");
  await domains.add(name);
  const domain = domains.domain(name);
  await expect(domain.getByRole("heading", { name })).toBeFocused();
  await expect(domain).toContainText("Status: Pending");
  await expect(domain).toContainText("shown only this once");
  const records = await domains.records(name);
  expect(records.txtName).toBe(`_smo1-challenge.${name}`);
  expect(records.token.length).toBeGreaterThan(10);
  expect(records.cnameName).toBe(name);
  expect(records.cnameTarget).toBe(CNAME_TARGET);
  await expectAccessible(page, "domains (one pending)");
  await screenshots(page, "dashboard-domains");

  // before the records exist: still pending, and the page says why
  await domains.checkNow(name);
  await expect(domains.checkResult(name)).toContainText(/pending.*No TXT record/);

  // the records as the page shows them, served by the DNS server the node asks
  await setDnsRecords(dns, [
    { type: "TXT", name: records.txtName, value: records.token },
    { type: "CNAME", name: records.cnameName, value: records.cnameTarget },
  ]);
  await domains.checkNow(name);
  await expect(domains.checkResult(name)).toHaveText("Checked just now: verified.");
  await expect(domain).toContainText("Status: Verified");
  await domains.setNotFoundUrl(name, "https://shop.example/not-found");

  const form = new LinkFormPage(page);
  const promo = `promo-${run}`;
  await form.openNew(app, workspace);
  await form.domain(name);
  await expectAccessible(page, "create link with a choice of domain");
  await form.create("https://example.com/promo", promo);
  // the link's own page, on its domain, as for a link on the default domain
  await expect(page.getByRole("heading", { level: 1, name: promo })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("domain")).toBe(name);
  await expect(page.getByText(`http://${name}/${promo}`, { exact: true })).toBeVisible();
  await expect(page.getByRole("img", { name: `QR code of http://${name}/${promo}` })).toBeVisible();
  await expectAccessible(page, "a link created on a custom domain");
  await screenshots(page, "dashboard-link-on-domain");

  // the domain's visitors, as the edge asks the origin for them (X-SMO1-Domain names the domain)
  const visit = (path: string) =>
    page.request.get(`${app}${path}`, { maxRedirects: 0, headers: { "X-SMO1-Domain": name, Accept: "text/html" } });
  const redirected = await visit(`/${promo}`);
  expect(redirected.status()).toBe(302);
  expect(redirected.headers()["location"]).toBe("https://example.com/promo");
  expect((await visit(`/nothing-${run}`)).headers()["location"]).toBe("https://shop.example/not-found");

  await domains.open(app, workspace);
  const dialog = await domains.askToRemove(name);
  await expect(dialog).toContainText("410");
  await expectAccessible(page, "remove a domain");
  await dialog.getByRole("button", { name: "Remove domain" }).click();
  await expect(domain).toHaveCount(0);
  expect((await visit(`/${promo}`)).status()).toBe(410);
});

test("an API key made in the dashboard lists links from a program, and is refused once revoked", async ({ request }) => {
  const app = readStack().app;
  const page = ownerContext.pages()[0]!;
  // the program creates 120 links: more than the free plan's 50 a month
  await putOnPlan(workspace, "pro");
  const keys = new ApiKeysPage(page);
  await keys.open(app, workspace);
  await expectAccessible(page, "API keys");
  await screenshots(page, "dashboard-api-keys");
  const key = await keys.create("e2e program", ["links:read", "links:write"]);
  expect(key).toMatch(/^smo1_[A-Za-z0-9]{40}$/);

  const listed = await request.get(`${app}/api/v1/links`, { headers: { Authorization: `Bearer ${key}` } });
  expect(listed.status()).toBe(200);
  expect(((await listed.json()) as { items: { code: string }[] }).items.map((l) => l.code)).toContain(alias);

  // 120 links for the list's pages, made by the program in two bulk calls
  for (let batch = 0; batch < 2; batch++) {
    const created = await request.post(`${app}/api/v1/links/bulk`, {
      headers: { Authorization: `Bearer ${key}` },
      data: { links: Array.from({ length: 60 }, (_, i) => ({ target: `https://example.com/page/${batch * 60 + i}`, tags: ["bulk"] })) },
    });
    expect(created.status()).toBe(200);
    const results = ((await created.json()) as { results: { ok: boolean }[] }).results;
    expect(results.filter((result) => result.ok)).toHaveLength(60);
  }

  await keys.revoke("e2e program");
  const refused = await request.get(`${app}/api/v1/links`, { headers: { Authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});

test("the links list pages through 120 links, 20 at a time, each once", async () => {
  const app = readStack().app;
  const page = ownerContext.pages()[0]!;
  await page.goto(`${app}/app/links/?workspace=${workspace}`);
  const links = new LinksPage(page);
  await links.expectOpen();
  await links.filterByTag("bulk");
  const seen = new Set<string>();
  const copyButtons = page.getByRole("button", { name: /^Copy short URL / });
  let previousFirst = "";
  for (let pageNumber = 1; ; pageNumber++) {
    await expect(page.getByText(`Page ${pageNumber}`)).toBeVisible();
    // the page's own rows, not the previous page's still shown while the next one loads
    await expect(copyButtons.first()).not.toHaveAttribute("aria-label", previousFirst);
    const urls = await copyButtons.evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label") ?? ""));
    previousFirst = urls[0] ?? "";
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(seen.has(url), `${url} shown twice`).toBe(false);
      seen.add(url);
    }
    if (pageNumber === 1) {
      await expectAccessible(page, "links list");
      await screenshots(page, "dashboard-links");
    }
    if (await links.nextPage().isDisabled()) break;
    await links.nextPage().click();
  }
  expect(seen.size).toBe(120);
});

test("bulk actions on the links list: three links disabled, tagged, enabled again, then deleted", async () => {
  const app = readStack().app;
  const page = ownerContext.pages()[0]!;
  await page.goto(`${app}/app/links/?workspace=${workspace}`);
  const links = new LinksPage(page);
  await links.expectOpen();
  await links.filterByTag("bulk");
  await links.select(3);
  await expect(page.getByText("3 selected")).toBeVisible();
  await links.bulk("Disable", "3 links disabled.");
  await expect(links.results().getByText("Disabled", { exact: true })).toHaveCount(3);

  await links.select(3);
  await links.bulkTag("picked", "3 links tagged.");
  // the filtered list reads the read model, which has the tags within a second
  await expect(async () => {
    await links.filterByTag("picked");
    await expect(page.getByRole("checkbox", { name: /^Select (?!all)/ })).toHaveCount(3, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await screenshots(page, "dashboard-links-bulk");
  await links.selectAllOnPage();
  await links.bulk("Enable", "3 links enabled.");
  await expect(links.results().getByText("Disabled", { exact: true })).toHaveCount(0);

  await links.selectAllOnPage();
  await links.bulk("Delete", "3 links deleted.");
  await expect(page.getByText("No links match these filters")).toBeVisible();
  await expectAccessible(page, "links list after a bulk delete");
});

test("by keyboard alone: a confirmation dialog opens, keeps focus, closes on Escape and gives focus back", async () => {
  const page = ownerContext.pages()[0]!;
  await new LinkPage(page).open(readStack().app, workspace, alias);
  const disable = page.getByRole("button", { name: "Disable", exact: true });
  await disable.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Disable this link?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(":focus")).toHaveCount(1);
  // the page behind a modal dialog is inert: Tab goes round the dialog's controls (and, as browsers
  // do, out to their own chrome), never to the page
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    const onThePage = await page.evaluate(() => {
      const active = document.activeElement;
      return active !== null && active !== document.body && active.closest("dialog") === null;
    });
    expect(onThePage, "focus left the dialog for the page behind it").toBe(false);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(disable).toBeFocused();
  await expect(page.getByRole("button", { name: "Disable", exact: true })).toBeVisible(); // still active
});

test("every other dashboard page is accessible, at 375 and 1280 px", async ({ browser }) => {
  const app = readStack().app;
  const page = ownerContext.pages()[0]!;
  const signedIn: [string, string, RegExp][] = [
    ["analytics", `/app/analytics/?workspace=${workspace}`, /^Analytics$/],
    ["edit-link", `/app/links/edit/?code=${alias}&workspace=${workspace}`, /Edit/],
    ["account", `/app/account/?workspace=${workspace}`, /^Account settings$/],
    ["audit-log", `/app/audit-log/?workspace=${workspace}`, /^Audit log$/],
    ["workspace-settings", `/app/workspace-settings/?workspace=${workspace}`, /^Workspace settings$/],
    ["new-workspace", `/app/workspaces/new/?workspace=${workspace}`, /^New workspace$/],
  ];
  for (const [name, path, heading] of signedIn) {
    await page.goto(`${app}${path}`);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    await expectAccessible(page, name);
    await screenshots(page, `dashboard-${name}`);
  }
  const anonymous = await (await browser.newContext()).newPage();
  const signedOut: [string, string, RegExp][] = [
    ["forgot-password", "/app/forgot-password/", /password/i],
    ["reset-password", "/app/reset-password/?token=not-a-token", /password/i],
    ["verify-email", "/app/verify-email/?token=not-a-token", /^Verify your email$/],
  ];
  for (const [name, path, heading] of signedOut) {
    await anonymous.goto(`${app}${path}`);
    await expect(anonymous.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(anonymous.getByText(/^Loading|^Verifying/)).toHaveCount(0);
    await expectAccessible(anonymous, name);
    await screenshots(anonymous, `dashboard-${name}`);
  }
  await anonymous.context().close();
});

/** A platform admin (the stack's bootstrap admin) puts a workspace on a plan, through the API. */
async function putOnPlan(workspace: string, plan: string): Promise<void> {
  const { app, adminEmail, adminPassword } = readStack();
  const admin = await request.newContext({ baseURL: app });
  const login = await admin.post("/api/v1/auth/login", {
    data: { email: adminEmail, password: adminPassword },
    headers: { Origin: new URL(app).origin },
  });
  expect(login.status()).toBe(200);
  const csrf = (await admin.storageState()).cookies.find((c) => c.name === "smo1_csrf")?.value ?? "";
  const changed = await admin.put(`/api/v1/admin/workspaces/${workspace}/plan`, {
    headers: { "X-CSRF-Token": csrf, Origin: new URL(app).origin },
    data: { plan },
  });
  expect(changed.status()).toBe(200);
  await admin.dispose();
}

test("a viewer invited by email reads the links but cannot change them; log out", async ({ browser }) => {
  const app = readStack().app;
  const page = ownerContext.pages()[0]!;
  // the free plan has one seat, the owner's: a team plan has room for the viewer
  await putOnPlan(workspace, "pro");
  const members = new MembersPage(page);
  await members.open(app, workspace);
  await expectAccessible(page, "members");
  await screenshots(page, "dashboard-members");
  await members.invite(viewer.email, "viewer");
  await expect(page.getByText(viewer.email).first()).toBeVisible();

  const { context, page: viewerPage } = await newAccount(browser, viewer, false);
  const invitation = await mailTo(viewer.email, /invit/i);
  await viewerPage.goto(linkIn(invitation, `${app}/app/invitations/accept`));
  await new AcceptInvitationPage(viewerPage).accept();

  const link = new LinkPage(viewerPage);
  await link.open(app, workspace, alias);
  await expect(viewerPage.getByRole("heading", { level: 1, name: "Launch" })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Disable" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Delete" })).toHaveCount(0);
  // and the API, not only the page, refuses the viewer a change
  const csrf = (await context.cookies()).find((c) => c.name === "smo1_csrf")?.value ?? "";
  const change = await viewerPage.request.patch(`${app}/api/v1/links/${alias}?workspace=${workspace}`, {
    headers: { "X-CSRF-Token": csrf, Origin: new URL(app).origin },
    data: { title: "changed by a viewer" },
  });
  expect(change.status()).toBe(403);
  expect(((await change.json()) as { code: string }).code).toBe("insufficient_scope");

  await new AccountMenu(viewerPage).logOut();
  await new LoginPage(viewerPage).open(app);
  await viewerPage.goto(`${app}/app/links/?workspace=${workspace}`);
  await expect(viewerPage).toHaveURL(/\/app\/login\/\?next=/);
  await context.close();
  await ownerContext.close();
});
