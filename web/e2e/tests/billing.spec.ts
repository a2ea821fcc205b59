/**
 * Plans and billing in the browser, against the stack of `./smo1 run` (the node with the local
 * Stripe stand-in in it): the pricing page shows the plans the API serves; a new user upgrades
 * their workspace through the stand-in's hosted Checkout and the dashboard shows the new plan and
 * its limits; cancelling in the portal keeps the plan until the period ends, and once the
 * stand-in's clock is past it the workspace is back on the free plan.
 */
import { expect, test, type Page } from "@playwright/test";
import { BillingPage, LinksPage, LoginPage, SignUpPage, StripeCheckout, StripePortal, VerifyEmailPage } from "../pages/dashboard";
import { expectAccessible } from "../support/axe";
import { linkIn, mailTo } from "../support/inbox";
import { screenshots } from "../support/screenshots";
import { readStack } from "../support/stack";

const run = Date.now().toString(36);
const payer = { name: "Pat Payer", email: `pat-${run}@example.com` };

test.describe.configure({ mode: "serial", timeout: 180_000 });

type ApiPlan = { id: string; name: string; price: { currency: string; monthlyCents: number | null } };

test("the pricing page shows the plans the API serves", async ({ page, request }) => {
  const { app } = readStack();
  const answer = await request.get(`${app}/api/v1/plans`);
  expect(answer.status()).toBe(200);
  const { plans } = (await answer.json()) as { plans: ApiPlan[] };
  expect(plans.map((plan) => plan.id)).toEqual(["free", "pro", "business", "enterprise"]);

  await page.goto(`${app}/pricing/`);
  await expect(page.locator('[data-plans-source="api"]')).toBeVisible();
  const cards = page.locator('[data-plans-source="api"] > ul > li');
  await expect(cards).toHaveCount(plans.length);
  for (const [index, plan] of plans.entries()) {
    const card = cards.nth(index);
    await expect(card.getByRole("heading", { level: 2 })).toContainText(plan.name);
    const price =
      plan.price.monthlyCents === null
        ? "Custom"
        : new Intl.NumberFormat("en-US", { style: "currency", currency: plan.price.currency, minimumFractionDigits: 0 }).format(
            plan.price.monthlyCents / 100,
          );
    await expect(card).toContainText(price);
  }
  await expectAccessible(page, "pricing");
});

async function signUpAndLogIn(page: Page): Promise<string> {
  const { app } = readStack();
  const signUp = new SignUpPage(page);
  await signUp.open(app);
  await signUp.signUp(payer.name, payer.email);
  await signUp.expectSent();
  const mail = await mailTo(payer.email, /verify/i);
  const verify = new VerifyEmailPage(page);
  await verify.open(linkIn(mail, `${app}/app/verify-email`));
  await verify.expectVerified(payer.email);
  const login = new LoginPage(page);
  await login.open(app);
  await login.logIn(payer.email);
  const links = new LinksPage(page);
  await links.expectOpen();
  return links.workspace();
}

test("sign up, upgrade through Checkout, cancel in the portal, back to free at the period's end", async ({ page, request }) => {
  const { app, stripe } = readStack();
  const workspace = await signUpAndLogIn(page);
  const billing = new BillingPage(page);
  await billing.open(app, workspace);
  await billing.expectPlan("Free");
  await expect(billing.usage("Links created")).toHaveText("0 of 50");
  await expectAccessible(page, "billing (free)");

  await billing.upgradeTo("Pro");
  await new StripeCheckout(page).pay();
  // back on the billing page: the webhook moves the plan within seconds
  await expect(page).toHaveURL(/\/app\/billing\/\?workspace=.*checkout=done/);
  await billing.expectPlan("Pro");
  await expect(billing.usage("Links created")).toHaveText(/^0 of 2,?000$/);
  await expect(page.getByText(/^Renews on /)).toBeVisible();
  await expect(page.getByRole("table")).toContainText("$12.00");
  await expectAccessible(page, "billing (pro)");
  await screenshots(page, "dashboard-billing");

  await billing.manageBilling();
  const portal = new StripePortal(page);
  await portal.cancelPlan();
  await portal.returnToSmo1();
  await billing.expectPlan("Pro");
  await expect(page.getByText(/^Cancelled: the plan ends on /)).toBeVisible({ timeout: 20_000 });

  // a month and a day pass for Stripe: the period ends, the subscription with it
  const advanced = await request.post(`${stripe}/_standin/clock/advance`, {
    headers: { Authorization: "Bearer sk_test_smo1_local_standin" },
    form: { seconds: String(32 * 24 * 3600) },
  });
  expect(advanced.status()).toBe(200);
  await expect(async () => {
    await page.reload();
    await billing.expectPlan("Free");
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText("The subscription ended.")).toBeVisible();
  await expect(billing.usage("Links created")).toHaveText(/ of 50$/);
});
