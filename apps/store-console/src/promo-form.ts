// The promo form's fields (as typed) → a `promo.create` request, with a message per field when
// something is wrong. Amounts are typed as decimals in the region's currency and sent in minor
// units: 12.50 USD → 1250, 500 JPY → 500 (the currency's own number of fraction digits).
import { currencyDigits } from "@pizza/ui";
import { parseAmount } from "./money.ts";

export type PromoKind = "percent" | "fixed" | "free_delivery";

/** The regions an admin can scope a code to, with the currency its amounts are in. */
export const PROMO_REGIONS = [
  { code: "us", label: "US", currency: "USD" },
  { code: "de", label: "DE", currency: "EUR" },
  { code: "jp", label: "JP", currency: "JPY" },
] as const;

export interface PromoFormFields {
  code: string;
  description: string;
  kind: PromoKind;
  percent: string;
  amount: string;
  maxDiscount: string;
  minSubtotal: string;
  regionCode: string;
  /** `<input type="datetime-local">` values (the admin's local time), or "". */
  validFrom: string;
  validTo: string;
  usageLimit: string;
  perCustomerLimit: string;
  firstOrderOnly: boolean;
}

export const EMPTY_PROMO_FORM: PromoFormFields = {
  code: "",
  description: "",
  kind: "percent",
  percent: "10",
  amount: "",
  maxDiscount: "",
  minSubtotal: "",
  regionCode: "",
  validFrom: "",
  validTo: "",
  usageLimit: "",
  perCustomerLimit: "",
  firstOrderOnly: false,
};

export interface PromoCreateRequest {
  code: string;
  kind: PromoKind;
  description?: string;
  percent?: number;
  amount?: number;
  maxDiscount?: number;
  minSubtotal?: number;
  regionCode?: string;
  validFrom?: string;
  validTo?: string;
  usageLimit?: number;
  perCustomerLimit?: number;
  firstOrderOnly?: boolean;
}

export type PromoFormResult =
  | { ok: true; request: PromoCreateRequest }
  | { ok: false; errors: Partial<Record<keyof PromoFormFields, string>> };

function wholeNumber(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/** Checks the fields and builds the request (the server checks again; this is for clear messages). */
export function buildPromoRequest(f: PromoFormFields): PromoFormResult {
  const errors: Partial<Record<keyof PromoFormFields, string>> = {};
  const code = f.code.trim().toUpperCase();
  if (!/^[A-Z0-9_-]{3,32}$/.test(code)) errors.code = "A code is 3 to 32 letters, digits, - or _.";
  const region = PROMO_REGIONS.find((r) => r.code === f.regionCode);
  const request: PromoCreateRequest = { code, kind: f.kind, firstOrderOnly: f.firstOrderOnly };
  if (f.description.trim()) request.description = f.description.trim();
  if (region) request.regionCode = region.code;

  const money = (field: "amount" | "maxDiscount" | "minSubtotal", what: string): number | undefined => {
    if (!f[field].trim()) return undefined;
    if (!region) {
      errors[field] = `Choose a region: the ${what} is in its currency.`;
      return undefined;
    }
    const digits = currencyDigits(region.currency);
    const minor = parseAmount(f[field], digits);
    if (minor === null || (field !== "minSubtotal" && minor === 0)) {
      errors[field] =
        digits === 0
          ? `Enter the ${what} in whole ${region.currency}, e.g. 500.`
          : `Enter the ${what} in ${region.currency} with at most ${digits} decimals, e.g. 5.50.`;
      return undefined;
    }
    return minor;
  };

  if (f.kind === "percent") {
    const p = wholeNumber(f.percent, 1, 100);
    if (p === null) errors.percent = "Percent off is a whole number from 1 to 100.";
    else request.percent = p;
    const max = money("maxDiscount", "largest discount");
    if (max !== undefined) request.maxDiscount = max;
  }
  if (f.kind === "fixed") {
    if (!f.amount.trim()) errors.amount = "Enter the amount off.";
    else if (!region) errors.amount = "Choose a region: the amount off is in its currency.";
    const amount = money("amount", "amount off");
    if (amount !== undefined) request.amount = amount;
  }
  const min = money("minSubtotal", "minimum order");
  if (min !== undefined) request.minSubtotal = min;

  const when = (field: "validFrom" | "validTo"): string | undefined => {
    if (!f[field]) return undefined;
    const d = new Date(f[field]);
    if (Number.isNaN(d.getTime())) {
      errors[field] = "Enter a date and time.";
      return undefined;
    }
    return d.toISOString();
  };
  const from = when("validFrom");
  const to = when("validTo");
  if (from) request.validFrom = from;
  if (to) request.validTo = to;
  if (from && to && from >= to) errors.validTo = "The code must end after it starts.";

  if (f.usageLimit.trim()) {
    const n = wholeNumber(f.usageLimit, 1, 10_000_000);
    if (n === null) errors.usageLimit = "Total uses is a whole number, at least 1.";
    else request.usageLimit = n;
  }
  if (f.perCustomerLimit.trim()) {
    const n = wholeNumber(f.perCustomerLimit, 1, 1000);
    if (n === null) errors.perCustomerLimit = "Uses per customer is a whole number from 1 to 1000.";
    else request.perCustomerLimit = n;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, request };
}
