import type { ColumnType } from "kysely";

// The types PostgreSQL cannot tell kysely-codegen: the set a text column's check constraint allows, the
// shape of a jsonb document, and what the connection's type parsers (connect.ts) turn a value into.
// `.kysely-codegenrc.json` maps columns and SQL types to these names; `generated/database.ts` imports them.

export type { OrderStatus } from "@pizza/contracts";

/** jsonb: read as the parsed value, written as a JSON string (pg would turn JS arrays into SQL arrays). */
export type JsonColumn<T> = ColumnType<T, string, string>;

/** int8 / bigserial: connect.ts parses it into a JS number (every value this platform stores fits). */
export type Int8Number = ColumnType<number, bigint | number | string, bigint | number | string>;

export type Role = "customer" | "driver" | "staff" | "admin";
/** Staff only: a store manager (may set the store's prices) or crew (null = crew), or a region manager
 * (no store; `users.region_code`, migration 0044: the region's price rule and reports). */
export type StaffRole = "manager" | "crew" | "region_manager";
export type VerificationChannel = "email" | "phone";
/** A forgotten password's code and link, or the link in a guest's receipt that makes the account a full one. */
export type PasswordResetPurpose = "reset" | "guest_claim";

export type TaxMode = "exclusive" | "inclusive";
export type Channel = "delivery" | "carryout";
export type MenuKind = "pizza" | "side" | "dessert" | "drink";
/** What a menu item is taxed as; a region's rate per category is in `tax_rates` (migration 0013). */
export type TaxCategory = "food" | "soft_drink" | "alcohol";
/** The categories a region may set a rate for: the items' and the delivery fee's. */
export type TaxRateCategory = TaxCategory | "delivery_fee";
/** Oven load an order holds in one kitchen slot (pizzas; an order without pizzas holds 1). */
export interface KitchenClaim {
  slotStart: string;
  units: number;
}
/** One rate of an order's tax breakdown: the net amount taxed at it and its tax, in minor units. */
export interface TaxLine {
  ratePpm: number;
  base: number;
  tax: number;
}
/** A deal an order's pricing applied (`orders.deals`): its saving is part of the order's discount. */
export interface OrderDeal {
  id: string;
  name: string;
  times: number;
  price: number;
  saving: number;
}
export type ToppingKind = "meat" | "veggie" | "cheese";
export type PriceEntity = "item" | "topping" | "crust" | "cheese" | "option";
export type StockEntity = "item" | "topping" | "crust" | "sauce" | "option";
/** Whose history a menu change is (`menu_changes.entity`): an option's changes are its item's. */
export type MenuChangeEntity = "item" | "topping" | "crust" | "sauce" | "cheese";
export type PromoKind = "percent" | "fixed" | "free_delivery" | "free_item" | "bundle";

export type PaymentMethod = "card" | "cash";
export type PaymentGateway = "stripe" | "simulated" | "cash";
export type PaymentStatus =
  | "pending"
  | "processing"
  | "requires_action"
  | "succeeded"
  | "failed"
  | "refunded"
  | "partially_refunded"
  | "cancelled";
export type PaymentAttemptStatus = "started" | "succeeded" | "failed" | "requires_action" | "unknown";
export type RefundStatus = "pending" | "succeeded" | "failed";
/** A customer's problem with an order (help_requests, migration 0018) and where the store left it. */
export type HelpKind = "missing_item" | "wrong_item" | "late" | "quality" | "other";
/** A printed ticket's kind (ticket_prints.kind, migration 0035). */
export type TicketKind = "kitchen" | "delivery";
export type HelpStatus = "open" | "refunded" | "credited" | "declined";

export type Vehicle = "bike" | "scooter" | "car";
export type DeliveryStatus = "waiting" | "offered" | "assigned" | "picked_up" | "delivered" | "cancelled";
export type OfferStatus = "pending" | "accepted" | "declined" | "expired" | "cancelled";

export type ReviewTargetType = "item" | "driver" | "service" | "overall";

/** Weekly opening hours in the store's time zone: day → list of [opens, closes] ("HH:MM"). */
export type WeeklyHours = Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", [string, string][]>;

export interface BundleRule {
  /** e.g. { kind: "pizza", variant: "medium", quantity: 2, price: { US: 1999 } } keyed by region code. */
  kind: MenuKind;
  variant?: string;
  quantity: number;
  price: Record<string, number>;
}

/** A delivery order's address, copied onto the order so later edits of the customer's book do not move it. */
export interface OrderAddress {
  line1: string;
  line2?: string | null;
  city: string;
  postalCode?: string | null;
  notes?: string | null;
}

export interface ToppingChoice {
  id: string;
  placement: "whole" | "left" | "right";
  portion: "normal" | "extra";
}

export interface OrderItemConfig {
  crust?: string;
  sauce?: string;
  cheese?: "none" | "light" | "normal" | "extra";
  toppings?: ToppingChoice[];
  options?: string[];
}

/** An outbox event's body: whatever its topic defines, as a JSON object. */
export type OutboxPayload = Record<string, unknown>;

/** What a notification job is about (`notification_jobs.payload`): the ids and amounts its moment needs. */
export type NotificationJobPayload = Record<string, unknown>;

/**
 * The arguments of a catalog message stored with its key (`orders.cancel_reason_args`): text, numbers and
 * money in minor units, as the API's i18n `MessageArgs` holds them.
 */
export type CatalogArgs = Record<
  string,
  string | number | { minor: number; currency: string; digits: number }
>;
