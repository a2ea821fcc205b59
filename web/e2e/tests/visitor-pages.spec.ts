/**
 * The pages a visitor of a short link sees when there is nothing to redirect to, from the origin
 * and from the edge Worker: the same page, readable and accessible.
 */
import { expect, test } from "@playwright/test";
import { expectAccessible } from "../support/axe";
import { readStack } from "../support/stack";

for (const side of ["app", "edge"] as const) {
  test(`an unknown short link answers an accessible 404 page at the ${side === "app" ? "origin" : "edge"}`, async ({ page }) => {
    const response = await page.goto(`${readStack()[side]}/no-such-link-e2e`);
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle("Link not found");
    await expect(page.getByRole("heading", { level: 1, name: "Link not found" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("This short link does not exist.");
    await expectAccessible(page, `the ${side}'s 404 page`);
  });
}
