import { describe, expect, it } from "vitest";
import { type ColumnFacts, overrideProblems } from "./overrides.ts";

const column = (name: string, facts: Partial<ColumnFacts> = {}): ColumnFacts => ({
  name,
  isNullable: false,
  hasDefaultValue: false,
  isAutoIncrementing: false,
  ...facts,
});

const orders = {
  name: "orders",
  schema: "public",
  columns: [
    column("status"),
    column("address", { isNullable: true }),
    column("payment_method", { hasDefaultValue: true }),
    column("confirmed_at", { isNullable: true, hasDefaultValue: true }),
  ],
};

describe("column overrides", () => {
  it("accept overrides that say what the columns are", () => {
    expect(
      overrideProblems([orders], {
        "orders.status": "OrderStatus",
        "orders.address": "JsonColumn<OrderAddress> | null",
        "orders.payment_method": "Generated<PaymentMethod>",
        "orders.confirmed_at": "Generated<Timestamp | null>",
      }),
    ).toEqual([]);
  });

  it("refuse an override that hides a null or a default, or names a column that is gone", () => {
    expect(
      overrideProblems([orders], {
        "orders.status": "OrderStatus | null",
        "orders.address": "JsonColumn<OrderAddress>",
        "orders.payment_method": "PaymentMethod",
        "orders.courier": "string",
      }),
    ).toEqual([
      'orders.status is not nullable: remove "| null" in "OrderStatus | null"',
      'orders.address is nullable: add "| null" in "JsonColumn<OrderAddress>"',
      'orders.payment_method has default: wrap it in Generated<...> in "PaymentMethod"',
      "orders.courier: no such column; remove its override",
    ]);
  });
});
