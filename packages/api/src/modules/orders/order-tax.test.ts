// Issue 16, finding 4, on real PostgreSQL: a placed order keeps the tax breakdown it was priced with — per
// rate, its net base and its tax — and that breakdown adds up to the order's total (with the untaxed tip).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomer, aDeliveryOrder, NEAR, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";

const real = backings.filter((b) => b.db === "postgres");

describe.each(real)("tax per rate on $name", (backing) => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function placeAndRead(slug: keyof typeof NEAR, items: { itemId: string; variant: string }[]) {
    const store = await storeId(t, slug);
    // Tokyo takes no tips (the server refuses one); elsewhere a tip shows it stays outside the tax.
    const tip = slug.startsWith("tyo-") ? 0 : 150;
    const input = aDeliveryOrder(
      store,
      { items: items.map((i) => ({ ...i, quantity: 2 })), tip },
      NEAR[slug],
    );
    const quote = await t.caller(null, "198.51.100.40").order.quote({
      storeId: store,
      channel: "delivery",
      items: input.items,
      tip,
    });
    const placed = await t.caller(await aCustomer(t)).order.placeOrder(input);
    const row = await t.platform.db
      .selectFrom("orders")
      .select(["tax", "tax_lines", "tip", "total"])
      .where("id", "=", placed.id)
      .executeTakeFirstOrThrow();
    return { quote, placed, row };
  }

  it("stores a Berlin order's 7 % and 19 % lines, and they sum to the total", async () => {
    const { quote, placed, row } = await placeAndRead("ber-mitte", [
      { itemId: "margherita", variant: "medium" },
      { itemId: "cola", variant: "500ml" },
    ]);
    expect(row.tax_lines.map((l) => l.ratePpm)).toEqual([70_000, 190_000]);
    expect(row.tax_lines).toEqual(quote.taxLines);
    expect(placed.taxLines).toEqual(quote.taxLines);
    const sum = row.tax_lines.reduce((s, l) => s + l.base + l.tax, 0);
    expect(sum + row.tip).toBe(row.total);
    expect(row.tax_lines.reduce((s, l) => s + l.tax, 0)).toBe(row.tax);
    // The cola's 19 % base is at least the two colas' net price (the fee's share comes on top).
    const cola = quote.lines.find((l) => l.itemId === "cola")!;
    expect(row.tax_lines[1]!.base + row.tax_lines[1]!.tax).toBeGreaterThan(cola.lineTotal);
  });

  it("stores a Tokyo order's 8 % food and 10 % beer and delivery, and they sum to the total", async () => {
    const { row } = await placeAndRead("tyo-shibuya", [
      { itemId: "margherita", variant: "medium" },
      { itemId: "beer", variant: "350ml" },
    ]);
    expect(row.tax_lines.map((l) => l.ratePpm)).toEqual([80_000, 100_000]);
    const sum = row.tax_lines.reduce((s, l) => s + l.base + l.tax, 0);
    expect(sum + row.tip).toBe(row.total);
  });
});
