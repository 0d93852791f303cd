import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../../testing/harness.ts";

// menu.getMenu by store id over plain HTTP is answered by menuFastPath (menu.response.ts) before tRPC;
// these tests hold it to what the tRPC procedure answers (reached here through a batch request).
describe.each(backings)("menu.getMenu over HTTP on $name", (backing) => {
  let t: TestPlatform;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    server = await startTestServer(t.platform);
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const single = (input: unknown) =>
    fetch(`${server.url}/trpc/menu.getMenu?input=${encodeURIComponent(JSON.stringify(input))}`);
  const batched = async (input: unknown) => {
    const res = await fetch(
      `${server.url}/trpc/menu.getMenu?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`,
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as [{ result: { data: unknown } }])[0].result.data;
  };

  it("answers a store's menu with what the tRPC procedure answers, as tRPC's JSON", async () => {
    const res = await single({ storeId: midtown, locale: "en" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as { result: { data: { store: { id: string; openNow: boolean } } } };
    expect(body.result.data.store).toMatchObject({ id: midtown, openNow: expect.any(Boolean) });
    expect(body.result.data).toEqual(await batched({ storeId: midtown, locale: "en" }));
  });

  it("never answers an old menu after a store control changed it", async () => {
    const staff = await aStaff(t, "nyc-midtown");
    const mushrooms = async () => {
      const body = (await (await single({ storeId: midtown })).json()) as {
        result: { data: { toppings: { id: string; available: boolean }[] } };
      };
      return body.result.data.toppings.find((x) => x.id === "mushrooms")!.available;
    };
    expect(await mushrooms()).toBe(true);
    const set = (available: boolean) =>
      t
        .caller(staff)
        .store.setAvailability({ storeId: midtown, entity: "topping", entityId: "mushrooms", available });
    await set(false);
    try {
      expect(await mushrooms()).toBe(false);
    } finally {
      await set(true);
    }
    expect(await mushrooms()).toBe(true);
  });

  it("leaves errors to tRPC: an unknown store is a 404, bad input a 400, both in words", async () => {
    const unknown = await single({ storeId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /find that store/,
    );
    const bad = await single({ storeId: "not-a-uuid" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/UUID/);
  });
});
