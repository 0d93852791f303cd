// Input shapes of the store procedures (zod, with readable messages). Store-scoped procedures take
// `storeId` through `storeStaffProcedure`, so their shapes here leave it out.
import { z } from "zod";

const storeId = z.uuid("Store id must be a UUID.");
const regionCode = z.string().regex(/^[a-z]{2,8}$/, "Region code looks like us.");
const entityId = z
  .string()
  .trim()
  .min(1, "Choose what to change.")
  .max(80)
  .regex(/^[\w:-]+$/, "Unexpected characters.");
const priceVariant = z
  .string()
  .max(40)
  .regex(/^[\w-]*$/)
  .default("");
const priceEntity = z.enum(["item", "topping", "crust", "cheese", "option"]);
const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Times are HH:MM on a 24-hour clock, e.g. 09:30.");

export const ZStoreListRequest = z.object({ regionCode: regionCode.optional() }).default({});
export const ZStoreGetRequest = z.object({ storeId });
export const ZSetAcceptingOrdersRequest = z.object({ accepting: z.boolean() });
export const ZSetDeliveryPausedRequest = z.object({ paused: z.boolean() });
export const ZSetKitchenCapacityRequest = z.object({
  capacity: z.number().int().min(1, "At least one order per slot.").max(10_000),
});

export const ZSetTodayHoursRequest = z.discriminatedUnion("mode", [
  z
    .object({ mode: z.literal("hours"), opens: clockTime, closes: clockTime.or(z.literal("24:00")) })
    .refine((v) => v.closes > v.opens, {
      message: "The closing time must be after the opening time.",
      path: ["closes"],
    }),
  z.object({ mode: z.literal("closed") }),
  z.object({ mode: z.literal("weekly") }),
]);

export const ZSetAvailabilityRequest = z.object({
  entity: z.enum(["item", "topping", "crust", "sauce", "option"]),
  entityId,
  available: z.boolean(),
  stock: z.number().int().min(0, "Stock cannot be negative.").max(1_000_000).nullish(),
});

export const ZSetStorePriceRequest = z.object({
  entity: priceEntity,
  entityId,
  variant: priceVariant,
  amount: z
    .number()
    .int("Prices are whole minor units.")
    .min(0, "A price cannot be negative.")
    .max(10_000_000)
    .nullable(),
});

export const ZSetRegionPriceRequest = z.object({
  regionCode,
  entity: priceEntity,
  entityId,
  variant: priceVariant,
  amount: z.number().int("Prices are whole minor units.").min(0).max(10_000_000),
});

export const ZRegionPriceRuleRequest = z.object({ regionCode });
export const ZSetRegionPriceRuleRequest = z.object({
  regionCode,
  maxChangePct: z
    .number("The managers' price change is a whole percentage from 0 to 50.")
    .int("The managers' price change is a whole percentage from 0 to 50.")
    .min(0, "The managers' price change is a whole percentage from 0 to 50.")
    .max(50, "The managers' price change is a whole percentage from 0 to 50."),
});

const printerHost = z
  .string()
  .trim()
  .min(1, "Enter the printer's address, e.g. 192.168.1.50.")
  .max(253, "That printer address is too long.")
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+$|^[0-9A-Fa-f:]+$/,
    "The printer's address is a host name or an IP address, e.g. 192.168.1.50.",
  );
export const ZSetTicketPrinterRequest = z.object({
  printer: z
    .object({
      host: printerHost,
      port: z
        .number("The printer's port is a number from 9100 to 9109.")
        .int("The printer's port is a number from 9100 to 9109.")
        .min(9100, "The printer's port is a number from 9100 to 9109 (raw printing ports).")
        .max(9109, "The printer's port is a number from 9100 to 9109 (raw printing ports).")
        .default(9100),
      paper: z.enum(["80", "58"], "Paper is 80 mm or 58 mm.").default("80"),
    })
    .nullable(),
});
