import { countRows } from "@pizza/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCarryoutOrder, aCustomer, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../../testing/harness.ts";

describe.each(backings)("orders over HTTP on $name", (backing) => {
  let t: TestPlatform;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let token: string;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    server = await startTestServer(t.platform);
    token = await t.platform.tokens.sign(await aCustomer(t));
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const post = (path: string, body: unknown, auth = true) =>
    fetch(`${server.url}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it("places an order through tRPC over HTTP, and the same key returns the same order", async () => {
    const input = aCarryoutOrder(midtown);
    const first = await post("order.placeOrder", input);
    expect(first.status).toBe(200);
    const a = (await first.json()) as { result: { data: { id: string; status: string; replayed: boolean } } };
    expect(a.result.data).toMatchObject({ status: "placed", replayed: false });
    const again = (await (await post("order.placeOrder", input)).json()) as typeof a;
    expect(again.result.data).toMatchObject({ id: a.result.data.id, replayed: true });
  });

  it("answers bad input with a 400 and a readable message, and writes nothing", async () => {
    const before = await countRows(t.db, "orders");
    const res = await post("order.placeOrder", {
      ...aCarryoutOrder(midtown),
      items: [{ itemId: "pepperoni", variant: "large", quantity: 99 }],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/items\.0\.quantity: At most 20 of one item per line/);
    const rules = await post("order.placeOrder", {
      ...aCarryoutOrder(midtown),
      items: [{ itemId: "pepperoni", variant: "small", crust: "stuffed" }],
    });
    expect(rules.status).toBe(400);
    expect(((await rules.json()) as { error: { message: string } }).error.message).toMatch(
      /does not come in Small/,
    );
    expect(await countRows(t.db, "orders")).toBe(before);
  });

  it("asks an anonymous caller to sign in before ordering, and serves the menu to anyone", async () => {
    expect((await post("order.placeOrder", aCarryoutOrder(midtown), false)).status).toBe(401);
    const menu = await fetch(
      `${server.url}/trpc/menu.getMenu?input=${encodeURIComponent(JSON.stringify({ storeId: midtown }))}`,
    );
    expect(menu.status).toBe(200);
    const body = (await menu.json()) as { result: { data: { store: { id: string }; items: unknown[] } } };
    expect(body.result.data.store.id).toBe(midtown);
    expect(body.result.data.items.length).toBeGreaterThan(10);
  });
});
