// Field schemas every event payload shares, so "an id", "a time" and "an amount" mean the same thing
// in every topic.
import { z } from "zod";
import { ORDER_STATUSES } from "../order-status.ts";

/** A row id (uuid in production; consumers only need it to be a non-empty string to route by it). */
export const Id = z.string().min(1);
/** A moment, as `Date.prototype.toISOString` writes it. */
export const IsoTime = z.iso.datetime();
/** Money in integer minor units of the event's currency. */
export const Minor = z.number().int();
export const Channel = z.enum(["delivery", "carryout"]);
export const PaymentMethod = z.enum(["card", "cash"]);
export const Status = z.enum(ORDER_STATUSES);
