import { randomUUID } from "node:crypto";
import { type AppServer, screenshot } from "@pizza/api/testing/browser";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHOTO, type ProofRig, proofRig } from "./proof-rig.ts";
import { until } from "./support.ts";

// The handover code, the signature and the required bag checks in real Chromium (issue 20): an order
// with beer shows "Tell your driver this code" in the customer's tracker; the driver ticks every bag
// check (Picked up stays disabled until then), has the customer sign on the canvas with the pointer,
// enters a wrong code (refused with a sentence, nothing delivered), then the right one; the store's
// manager sees the signature, "code given" and download links in the console. A photo and the signature
// go through the S3 adapter: the phone PUTs them to a local S3 server (s3rver) with presigned links.
// Tokyo Shibuya's driver1, staff and manager: no other driver e2e file uses this store's drivers.
const SLUG = "tyo-shibuya";
const LONG = 150_000;

let rig: ProofRig;
let server: AppServer;
let page: Page;
let store: { id: string; lat: number; lng: number };

const orderRow = (orderId: string) =>
  server.db.db
    .selectFrom("orders")
    .select(["status", "handover_failures"])
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  rig = await proofRig(SLUG, { blobs: "s3" });
  ({ server, page, store } = rig);
}, 120_000);

afterAll(() => rig?.close());

/** Draws a stroke on the signature canvas with the mouse (pointer events, as a finger would). */
async function sign(on: Page) {
  const pad = on.getByTestId("signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await on.mouse.move(box.x + 20, box.y + box.height / 2);
  await on.mouse.down();
  for (let i = 1; i <= 10; i++)
    await on.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? 15 : -15));
  await on.mouse.up();
}

describe("handover code, signature and bag checks", { timeout: LONG }, () => {
  it("the customer reads the code, the driver signs, types a wrong code then the right one; the manager sees the proof", async () => {
    await rig.clockIn(`driver1.${SLUG}@pizza.example`);
    const login = await rig.customer();
    const door = { lat: store.lat + 0.003, lng: store.lng + 0.002 };
    const order = await server.caller(login.user).order.placeOrder({
      idempotencyKey: `key-${randomUUID()}`,
      channel: "delivery",
      paymentMethod: "cash",
      storeId: store.id,
      address: { line1: "Dogenzaka 1-2-3", city: "Tokyo" },
      location: door,
      items: [
        { itemId: "margherita", variant: "large", quantity: 1 },
        { itemId: "beer", variant: "350ml", quantity: 1 },
      ],
      tip: 0,
    });

    // The customer's tracker tells them the code.
    const customer = await rig.signedIn("customer-web", "customer@pizza.example");
    await customer.page.goto(`/track?order=${order.id}`);
    const shown = customer.page.getByTestId("handover-code");
    await shown.waitFor();
    const code = /Tell your driver this code: (\d{4})/.exec((await shown.textContent()) ?? "")?.[1];
    expect(code).toMatch(/^\d{4}$/);
    await screenshot(customer.page, "customer-handover-code");

    const offer = page.getByTestId("offer");
    await offer.waitFor({ timeout: 60_000 });
    await offer.getByRole("button", { name: "Accept" }).click();
    await until(
      "the kitchen marks the order ready",
      async () => (await orderRow(order.id)).status === "ready",
      60_000,
    );
    const pickUp = page.getByRole("button", { name: "Picked up" });
    await pickUp.waitFor();
    const checks = page.getByTestId("delivery").locator('fieldset.checklist input[type="checkbox"]');
    expect(await checks.count()).toBe(3); // order, items, drinks
    for (const box of (await checks.all()).slice(0, 2)) await box.check();
    expect(await pickUp.isDisabled()).toBe(true);
    await checks.nth(2).check();
    await pickUp.click();
    await until(
      "picked up on the server",
      async () => (await orderRow(order.id)).status === "out_for_delivery",
    );
    const card = page.getByTestId("delivery").and(page.locator('[data-stage="dropoff"]'));
    await card.waitFor();

    // At the door: the phone is there, the customer signs, the driver types a wrong code first.
    await rig.moveDriver(`driver1.${SLUG}@pizza.example`, { latitude: door.lat, longitude: door.lng });
    await card.getByLabel("Photo").setInputFiles({ name: "door.jpg", mimeType: "image/jpeg", buffer: PHOTO });
    await sign(page);
    const codeInput = card.getByTestId("handover-code");
    const wrong = String((Number(code) + 1) % 10_000).padStart(4, "0");
    await codeInput.fill(wrong);
    await card.getByRole("button", { name: "Delivered", exact: true }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "not the customer's code" });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      "That is not the customer's code; check it with them (4 attempts left).",
    );
    expect(await orderRow(order.id)).toMatchObject({ status: "out_for_delivery", handover_failures: 1 });
    await screenshot(page, "driver-wrong-handover-code");

    await codeInput.fill(code!);
    await card.getByRole("button", { name: "Delivered", exact: true }).click();
    await until("delivered", async () => (await orderRow(order.id)).status === "delivered");
    const row = await server.db.db
      .selectFrom("deliveries")
      .select(["signature_key", "photo_key", "code_verified"])
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(row.code_verified).toBe(true);
    expect(row.signature_key).toMatch(/^deliveries\/.+\/signature-.+\.png$/);
    // Both in the S3 bucket, the photo normalised to JPEG.
    expect(await server.platform.blobs.head(row.photo_key!)).toMatchObject({ contentType: "image/jpeg" });
    expect(await server.platform.blobs.head(row.signature_key!)).toMatchObject({ contentType: "image/png" });

    // The store's manager: the signature, "code given", and links to download the proof.
    const manager = await rig.signedIn("store-console", `manager.${SLUG}@pizza.example`);
    await manager.page.goto("/store/");
    await manager.page.getByRole("button", { name: "Drivers" }).click();
    const recent = manager.page.getByTestId("recent-deliveries");
    await recent.getByRole("combobox").selectOption({ label: `#${order.orderNumber}` });
    const pod = recent.getByTestId("proof-of-delivery");
    await pod.getByTestId("proof-code").waitFor();
    expect(await pod.getByTestId("proof-code").textContent()).toBe("Handover code: given by the customer.");
    const signature = pod.getByRole("img", { name: "The customer's signature" });
    await until("the signature loaded", () =>
      signature.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0),
    );
    const download = pod.getByRole("link", { name: "Download the signature" });
    const href = await download.getAttribute("href");
    // Served by the S3 server itself (a presigned GET), not by the API.
    expect(href?.startsWith(`${rig.s3Endpoint}/proof-e2e/deliveries/`)).toBe(true);
    const got = await manager.page.request.get(href!);
    expect(got.headers()["content-type"]).toBe("image/png");
    await screenshot(manager.page, "store-proof-signature-download");
    await customer.page.context().close();
    await manager.page.context().close();
  });
});
