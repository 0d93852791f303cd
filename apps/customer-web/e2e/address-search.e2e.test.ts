// Finding the delivery address as a stranger does (issue 16, finding 2): suggestions while typing, by
// mouse and by keyboard, the device's location filling the address, a warning when the pin wanders
// from the chosen address, and the "no pin" and bad-latitude messages where the customer is looking.
import { screenshot, startAppServer, VIEWPORTS } from "@pizza/api/testing/browser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appUnderTest, expectAccessible, expectNoHorizontalScroll } from "./support.ts";

const web = appUnderTest(() => startAppServer());
const { openPage } = web;

/** Oranienstraße 25 in Kreuzberg, as the embedded gazetteer places it (about). */
const ORANIENSTRASSE_25 = { latitude: 52.5007, longitude: 13.4229 };

async function startInBerlin(page: Page) {
  await page.goto("/start");
  await page.getByRole("radio", { name: "Delivery" }).check();
  await page.getByRole("radio", { name: "Berlin" }).check();
}

const street = (page: Page) => page.getByRole("combobox", { name: "Street and number" });
const suggestions = (page: Page) => page.getByRole("listbox", { name: "Suggested addresses" });
const pinAt = async (page: Page) => ({
  lat: Number(await page.getByLabel("Latitude").inputValue()),
  lng: Number(await page.getByLabel("Longitude").inputValue()),
});

describe("address search on the start page", { timeout: 120_000 }, () => {
  it("a stranger in Berlin types a street, picks the suggestion, and the order starts at the store there", async () => {
    const { page, errors } = await openPage("phone");
    await startInBerlin(page);
    await street(page).fill("Oranienstr 25");
    const option = suggestions(page).getByRole("option", { name: /^Oranienstraße 25,/ });
    await option.first().waitFor();
    expect(await street(page).getAttribute("aria-expanded")).toBe("true");
    await expectAccessible(page, "the start page with suggestions open");
    await expectNoHorizontalScroll(page, "start with suggestions");
    await screenshot(page, "address-suggestions-phone");
    await option.first().click();

    expect(await street(page).inputValue()).toBe("Oranienstraße 25");
    expect(await page.getByLabel("City", { exact: true }).inputValue()).toBe("Berlin");
    expect(await page.getByLabel("Postal code").inputValue()).toBe("10999");
    expect(await suggestions(page).isHidden()).toBe(true);
    // The pin moved to the address: within ~300 m of where the gazetteer has it.
    const pin = await pinAt(page);
    expect(Math.abs(pin.lat - ORANIENSTRASSE_25.latitude)).toBeLessThan(0.003);
    expect(Math.abs(pin.lng - ORANIENSTRASSE_25.longitude)).toBeLessThan(0.004);
    const marker = page.locator('[data-testid="map-pin"]').first();
    await expect.poll(() => marker.getAttribute("data-lat")).toMatch(/^52\.50/);
    expect(await page.getByTestId("pin-warning").count()).toBe(0);

    await page.getByRole("button", { name: "Find my store and see the menu" }).click();
    await page.waitForURL("**/menu");
    // The nearest open store delivering there: Kreuzberg, or at night (when it is closed) Mitte, which never
    // closes in the demo.
    await page.getByRole("heading", { name: /^Berlin (Kreuzberg|Mitte)$/ }).waitFor();
    expect(errors).toEqual([]);
  });

  it("the map names the area's landmarks, so New York, Berlin and Tokyo do not look the same", async () => {
    const { page, errors } = await openPage("desktop");
    await page.goto("/start");
    const landmarks = () => page.getByTestId("map-landmark").allTextContents();
    await expect.poll(landmarks, { timeout: 30_000 }).toContain("Times Square");
    await page.getByRole("radio", { name: "Berlin" }).check();
    await expect
      .poll(async () => (await landmarks()).join(" | "), { timeout: 30_000 })
      .toMatch(/Alexanderplatz/);
    expect(await landmarks()).not.toContain("Times Square");
    await screenshot(page, "start-map-berlin-desktop");
    expect(errors).toEqual([]);
  });

  it("works with the keyboard alone: arrows, Enter to choose, Escape to close", async () => {
    const { page, errors } = await openPage("desktop");
    await page.setViewportSize({ width: 1366, height: 900 });
    await startInBerlin(page);
    await street(page).focus();
    await page.keyboard.type("Oranienstr 2");
    await suggestions(page).getByRole("option").first().waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => suggestions(page).isHidden()).toBe(true);
    expect(await street(page).getAttribute("aria-expanded")).toBe("false");

    await page.keyboard.type("5");
    await suggestions(page)
      .getByRole("option", { name: /^Oranienstraße 25,/ })
      .first()
      .waitFor();
    await page.keyboard.press("ArrowDown");
    const active = await street(page).getAttribute("aria-activedescendant");
    expect(active).toBeTruthy();
    const chosen = page.locator(`[id="${active}"]`);
    expect(await chosen.getAttribute("aria-selected")).toBe("true");
    const label = (await chosen.textContent()) ?? "";
    await expectAccessible(page, "the start page with a suggestion selected");
    await screenshot(page, "address-suggestions-desktop");
    await page.keyboard.press("Enter");

    // Enter chose the suggestion (and did not send the form).
    expect(label).toMatch(/^Oranienstraße 25,/);
    expect(await street(page).inputValue()).toBe("Oranienstraße 25");
    expect(await page.getByLabel("City", { exact: true }).inputValue()).toBe("Berlin");
    expect(page.url()).toMatch(/\/start$/);
    await expect.poll(() => page.getByLabel("Latitude").inputValue()).toMatch(/^52\.50/);
    expect(errors).toEqual([]);
  });

  it("Use my location puts the pin at the device's position and fills the address found there", async () => {
    const { page, errors } = await openPage("phone", {
      permissions: ["geolocation"],
      geolocation: ORANIENSTRASSE_25,
    });
    await startInBerlin(page);
    await page.getByRole("button", { name: "Use my location" }).click();
    await expect.poll(() => street(page).inputValue()).toMatch(/^Oranienstraße \d+/);
    expect(await page.getByLabel("City", { exact: true }).inputValue()).toBe("Berlin");
    expect(await pinAt(page)).toEqual({ lat: ORANIENSTRASSE_25.latitude, lng: ORANIENSTRASSE_25.longitude });
    expect(await page.getByTestId("pin-warning").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("a pin 1 km from the chosen address is questioned; the customer keeps it or moves it back", async () => {
    const { page, errors } = await openPage("phone");
    await startInBerlin(page);
    await street(page).fill("Oranienstr 25");
    await suggestions(page)
      .getByRole("option", { name: /^Oranienstraße 25,/ })
      .first()
      .click();
    const chosen = await pinAt(page);

    // About 1 km north, typed as coordinates.
    await page.getByLabel("Latitude").fill((chosen.lat + 0.009).toFixed(6));
    const warning = page.getByTestId("pin-warning");
    await expect.poll(() => warning.textContent()).toMatch(/The pin is 1[.,]0 km from Oranienstraße 25/);
    await expectAccessible(page, "the start page with the pin warning");
    await screenshot(page, "address-pin-warning-phone");
    await warning.getByRole("button", { name: "Move the pin to the address" }).click();
    await expect.poll(() => warning.count()).toBe(0);
    expect(await pinAt(page)).toEqual(chosen);

    // A pin dropped on the map away from the address, kept on purpose.
    const map = page.locator("[data-renderer]").first();
    await map.scrollIntoViewIfNeeded();
    const box = await map.boundingBox();
    if (!box) throw new Error("the map is not on the screen");
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await expect.poll(async () => (await pinAt(page)).lat !== chosen.lat).toBe(true);
    await expect.poll(() => warning.textContent()).toMatch(/The pin is [\d.,]+ k?m from Oranienstraße 25/);
    await warning.getByRole("button", { name: "Keep the pin here" }).click();
    await expect.poll(() => warning.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("without a pin the message is next to the pin controls and focused; a bad latitude gets the server's sentence", async () => {
    const { page, errors } = await openPage("phone");
    await startInBerlin(page);
    await street(page).fill("Somewhere 1");
    await page.getByLabel("City", { exact: true }).fill("Berlin");
    await page.getByRole("button", { name: "Find my store and see the menu" }).click();
    const problem = page.getByRole("alert").filter({ hasText: "Drop a pin on the map" });
    await problem.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
      .toMatch(/Drop a pin/);
    const box = await problem.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= VIEWPORTS.phone.viewport.height).toBe(true);

    await page.getByLabel("Latitude").fill("95");
    await page.getByLabel("Longitude").fill("13.4");
    await page.getByRole("button", { name: "Find my store and see the menu" }).click();
    await page.getByRole("alert").filter({ hasText: "Latitude must be between -90 and 90." }).waitFor();
    expect(page.url()).toMatch(/\/start$/);
    expect(errors).toEqual([]);
  });
});
