// The seeded regions as pricing sees them (packages/db/src/seed-data.ts: `regions`, `taxRates`), for tests.
import type { RegionPricing } from "./pricing.ts";

export const US: RegionPricing = {
  code: "us",
  currency: "USD",
  currencyDigits: 2,
  taxMode: "exclusive",
  taxRatePpm: 88_750,
  deliveryFee: 399,
};
export const DE: RegionPricing = {
  code: "de",
  currency: "EUR",
  currencyDigits: 2,
  taxMode: "inclusive",
  taxRatePpm: 70_000,
  taxRates: { soft_drink: 190_000, alcohol: 190_000, delivery_fee: null },
  deliveryFee: 249,
};
export const JP: RegionPricing = {
  code: "jp",
  currency: "JPY",
  currencyDigits: 0,
  taxMode: "inclusive",
  taxRatePpm: 80_000,
  taxRates: { alcohol: 100_000, delivery_fee: 100_000 },
  deliveryFee: 300,
};
