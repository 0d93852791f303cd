import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

// Mirrors packages/db/migrations; `schema.test.ts` fails when a table or column drifts.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as the parsed value, written as a JSON string (pg would turn JS arrays into SQL arrays). */
export type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type Role = "customer" | "driver" | "staff" | "admin";
export type TaxMode = "exclusive" | "inclusive";

import { ORDER_STATUSES, type OrderStatus } from "@pizza/contracts";

export { ORDER_STATUSES, type OrderStatus };
export type Channel = "delivery" | "carryout";
export type MenuKind = "pizza" | "side" | "dessert" | "drink";
export type PriceEntity = "item" | "topping" | "crust" | "cheese" | "option";
export type StockEntity = "item" | "topping" | "crust" | "sauce" | "option";

/** Weekly opening hours in the store's time zone: day → list of [opens, closes] ("HH:MM"). */
export type WeeklyHours = Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", [string, string][]>;

export interface RegionTable {
  code: string;
  name: string;
  currency: string;
  currency_digits: number;
  locale: string;
  timezone: string;
  tax_mode: TaxMode;
  tax_rate_ppm: number;
  delivery_fee: number;
  min_delivery_subtotal: ColumnType<number, number | undefined, number>;
  driver_speed_kmh: ColumnType<number, number | undefined, number>;
  /** How far (± percent of the region's list price) a store manager may set their store's price (migration 0007). */
  manager_price_change_pct: ColumnType<number, number | undefined, number>;
  created_at: Generated<Date>;
}

export interface StoreTable {
  id: Generated<string>;
  region_code: string;
  slug: string;
  name: string;
  address: string;
  phone: string | null;
  lat: number;
  lng: number;
  h3_cell: string;
  timezone: string;
  hours: Json<WeeklyHours>;
  accepting_orders: Generated<boolean>;
  delivery_paused: Generated<boolean>;
  kitchen_capacity: Generated<number>;
  created_at: Generated<Date>;
}

export interface StoreDeliveryCellTable {
  cell: string;
  store_id: string;
}

export interface StoreHourOverrideTable {
  store_id: string;
  day: ColumnType<string, string, string>;
  opens: string | null;
  closes: string | null;
  closed: Generated<boolean>;
}

export interface UserTable {
  id: Generated<string>;
  email: string | null;
  phone: string | null;
  password_hash: string;
  name: string;
  role: ColumnType<Role, Role | undefined, Role>;
  store_id: string | null;
  locale: string | null;
  email_verified_at: NullableTimestamp;
  phone_verified_at: NullableTimestamp;
  default_address_id: string | null;
  /** A guest checkout account: no password, no sign-in identity; receipts go to the contact fields. */
  is_guest: Generated<boolean>;
  contact_email: string | null;
  contact_phone: string | null;
  /** Staff only: a store manager (may set the store's prices) or crew (migration 0007); null = crew. */
  staff_role: StaffRole | null;
  /** When the sign-up's email/phone was proved with a code (migration 0008); null = never confirmed. */
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export type StaffRole = "manager" | "crew";

export interface UserAddressTable {
  id: Generated<string>;
  user_id: string;
  label: string;
  line1: string;
  line2: string | null;
  city: string;
  postal_code: string | null;
  notes: string | null;
  lat: number;
  lng: number;
  created_at: Generated<Date>;
}

export interface RefreshTokenTable {
  id: Generated<string>;
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface VerificationCodeTable {
  id: Generated<string>;
  user_id: string;
  channel: "email" | "phone";
  target: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface MenuCategoryTable {
  id: string;
  sort: Generated<number>;
}

export interface MenuItemTable {
  id: string;
  category_id: string;
  kind: MenuKind;
  default_sauce: string | null;
  default_cheese: string | null;
  default_toppings: ColumnType<string[], string[] | undefined, string[]>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface PizzaSizeTable {
  id: string;
  diameter_cm: number;
  max_toppings: number;
  sort: Generated<number>;
}

export interface CrustTable {
  id: string;
  sort: Generated<number>;
}

export interface CrustSizeTable {
  crust_id: string;
  size_id: string;
}

export interface SauceTable {
  id: string;
  sort: Generated<number>;
}

export interface ToppingTable {
  id: string;
  kind: "meat" | "veggie" | "cheese";
  premium: Generated<boolean>;
  sort: Generated<number>;
}

export interface MenuItemVariantTable {
  item_id: string;
  id: string;
  sort: Generated<number>;
}

export interface MenuOptionGroupTable {
  id: string;
  item_id: string;
  min_select: Generated<number>;
  max_select: Generated<number>;
  sort: Generated<number>;
}

export interface MenuOptionTable {
  id: string;
  group_id: string;
  sort: Generated<number>;
}

export interface TranslationTable {
  entity: string;
  entity_id: string;
  locale: string;
  name: string;
  description: string | null;
}

export interface PriceTable {
  region_code: string;
  entity: PriceEntity;
  entity_id: string;
  variant: Generated<string>;
  amount: number;
  updated_at: Generated<Date>;
}

/** A store's own price for something the region prices (migration 0007); overrides the region's there. */
export interface StorePriceTable {
  store_id: string;
  entity: PriceEntity;
  entity_id: string;
  variant: Generated<string>;
  amount: number;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface StoreStockTable {
  store_id: string;
  entity: StockEntity;
  entity_id: string;
  available: Generated<boolean>;
  stock: number | null;
  updated_at: Generated<Date>;
}

export interface BundleRule {
  /** e.g. { kind: "pizza", variant: "medium", quantity: 2, price: { US: 1999 } } keyed by region code. */
  kind: "pizza" | "side" | "dessert" | "drink";
  variant?: string;
  quantity: number;
  price: Record<string, number>;
}

export interface PromoCodeTable {
  id: Generated<string>;
  code: string;
  description: string | null;
  kind: "percent" | "fixed" | "free_delivery" | "free_item" | "bundle";
  percent: number | null;
  amount: number | null;
  max_discount: number | null;
  currency: string | null;
  free_item_id: string | null;
  bundle: NullableJson<BundleRule>;
  min_subtotal: Generated<number>;
  valid_from: NullableTimestamp;
  valid_to: NullableTimestamp;
  region_code: string | null;
  store_id: string | null;
  first_order_only: Generated<boolean>;
  per_customer_limit: number | null;
  usage_limit: number | null;
  used_count: Generated<number>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface OrderAddress {
  line1: string;
  line2?: string | null;
  city: string;
  postalCode?: string | null;
  notes?: string | null;
}

export interface OrderTable {
  id: Generated<string>;
  region_code: string;
  order_number: Generated<number>;
  store_id: string;
  customer_id: string;
  channel: Channel;
  status: OrderStatus;
  version: Generated<number>;
  payment_method: ColumnType<"card" | "cash", "card" | "cash" | undefined, "card" | "cash">;
  address: NullableJson<OrderAddress>;
  lat: number | null;
  lng: number | null;
  notes: string | null;
  currency: string;
  subtotal: number;
  discount: Generated<number>;
  delivery_fee: Generated<number>;
  tax: Generated<number>;
  tax_included: boolean;
  tip: Generated<number>;
  total: number;
  promo_code_id: string | null;
  idempotency_key: string;
  /** Fingerprint of the placeOrder request (migration 0009); null for orders placed before it. */
  request_hash: string | null;
  scheduled_for: NullableTimestamp;
  promised_at: Timestamp;
  ready_estimate_at: NullableTimestamp;
  cancel_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
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

export interface OrderItemTable {
  id: Generated<string>;
  order_id: string;
  region_code: string;
  line_no: number;
  item_id: string;
  kind: MenuKind;
  variant: Generated<string>;
  quantity: number;
  config: Json<OrderItemConfig>;
  name: string;
  unit_price: number;
  line_total: number;
}

export interface OrderStatusHistoryTable {
  id: Generated<number>;
  order_id: string;
  region_code: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  version: number;
  actor_id: string | null;
  actor_role: string | null;
  note: string | null;
  at: Generated<Date>;
}

export interface StockReservationTable {
  order_id: string;
  region_code: string;
  store_id: string;
  entity: StockEntity;
  entity_id: string;
  quantity: number;
  released_at: NullableTimestamp;
}

export interface PromoRedemptionTable {
  id: Generated<string>;
  promo_id: string;
  order_id: string;
  region_code: string;
  customer_id: string;
  discount: number;
  created_at: Generated<Date>;
  released_at: NullableTimestamp;
}

export type PaymentStatus =
  | "pending"
  | "processing"
  | "requires_action"
  | "succeeded"
  | "failed"
  | "refunded"
  | "partially_refunded"
  | "cancelled";

export interface PaymentTable {
  id: Generated<string>;
  order_id: string;
  region_code: string;
  customer_id: string;
  method: "card" | "cash";
  gateway: "stripe" | "simulated" | "cash";
  gateway_ref: string | null;
  amount: number;
  currency: string;
  status: PaymentStatus;
  amount_refunded: Generated<number>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface PaymentAttemptTable {
  id: Generated<string>;
  payment_id: string;
  attempt_no: number;
  idempotency_key: string;
  client_request_id: string | null;
  status: "started" | "succeeded" | "failed" | "requires_action" | "unknown";
  amount: number;
  card_brand: string | null;
  card_last4: string | null;
  error_code: string | null;
  error_message: string | null;
  gateway_ref: string | null;
  /** The order version this attempt charges (its `amount` is the order total at that version); null before migration 0008. */
  order_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** What the gateway captured for this attempt, once known (placed the order, or refunded for not matching it). */
  captured_amount: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface RefundTable {
  id: Generated<string>;
  payment_id: string;
  amount: number;
  reason: string;
  idempotency_key: string;
  gateway_ref: string | null;
  status: "pending" | "succeeded" | "failed";
  /** The intent this refund goes to when it is not the payment's current one (a voided capture); null = the payment's. */
  intent_ref: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

export interface WebhookEventTable {
  id: string;
  gateway: string;
  type: string;
  received_at: Generated<Date>;
  processed_at: NullableTimestamp;
}

export interface DriverTable {
  user_id: string;
  home_store_id: string;
  vehicle: ColumnType<
    "bike" | "scooter" | "car",
    "bike" | "scooter" | "car" | undefined,
    "bike" | "scooter" | "car"
  >;
  created_at: Generated<Date>;
}

export interface DriverShiftTable {
  id: Generated<string>;
  driver_id: string;
  store_id: string;
  started_at: Generated<Date>;
  ended_at: NullableTimestamp;
  distance_m: Generated<number>;
  deliveries: Generated<number>;
  tips: Generated<number>;
}

export type DeliveryStatus = "waiting" | "offered" | "assigned" | "picked_up" | "delivered" | "cancelled";

export interface DeliveryTable {
  id: Generated<string>;
  order_id: string;
  region_code: string;
  store_id: string;
  driver_id: string | null;
  status: DeliveryStatus;
  version: Generated<number>;
  eta_pickup_at: NullableTimestamp;
  eta_dropoff_at: NullableTimestamp;
  assigned_at: NullableTimestamp;
  picked_up_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  cash_collected: number | null;
  /** Cash orders: collected − total, handed back by the driver (migration 0009). */
  change_given: number | null;
  explanation: NullableJson<unknown>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface DeliveryOfferTable {
  id: Generated<string>;
  delivery_id: string;
  driver_id: string;
  status: "pending" | "accepted" | "declined" | "expired" | "cancelled";
  distance_m: number;
  eta_s: number;
  pay: Generated<number>;
  offered_at: Generated<Date>;
  expires_at: Timestamp;
  responded_at: NullableTimestamp;
}

export interface DriverActionTable {
  client_action_id: string;
  driver_id: string;
  delivery_id: string | null;
  action: string;
  result: NullableJson<unknown>;
  created_at: Generated<Date>;
}

export interface ReviewTable {
  id: Generated<string>;
  order_id: string;
  region_code: string;
  store_id: string;
  customer_id: string;
  target_type: "item" | "driver" | "service" | "overall";
  target_id: string;
  rating: number;
  body: string | null;
  helpful_count: Generated<number>;
  hidden_at: NullableTimestamp;
  hidden_reason: string | null;
  hidden_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface RatingAggregateTable {
  target_type: string;
  target_id: string;
  rating_count: Generated<number>;
  rating_sum: Generated<number>;
}

export interface ReviewHelpfulVoteTable {
  review_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface OutboxTable {
  seq: Generated<number>;
  id: Generated<string>;
  topic: string;
  aggregate_id: string;
  payload: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  published_at: NullableTimestamp;
}

/** Orders counted per store and 15-minute kitchen slot (migration 0002). */
export interface KitchenSlotTable {
  store_id: string;
  slot_start: ColumnType<Date, Date | string, Date | string>;
  orders: Generated<number>;
}

export interface ProcessedEventTable {
  consumer: string;
  event_id: string;
  processed_at: Generated<Date>;
}

export interface Database {
  regions: RegionTable;
  stores: StoreTable;
  store_delivery_cells: StoreDeliveryCellTable;
  store_hour_overrides: StoreHourOverrideTable;
  users: UserTable;
  user_addresses: UserAddressTable;
  refresh_tokens: RefreshTokenTable;
  verification_codes: VerificationCodeTable;
  menu_categories: MenuCategoryTable;
  menu_items: MenuItemTable;
  pizza_sizes: PizzaSizeTable;
  crusts: CrustTable;
  crust_sizes: CrustSizeTable;
  sauces: SauceTable;
  toppings: ToppingTable;
  menu_item_variants: MenuItemVariantTable;
  menu_option_groups: MenuOptionGroupTable;
  menu_options: MenuOptionTable;
  translations: TranslationTable;
  prices: PriceTable;
  store_stock: StoreStockTable;
  store_prices: StorePriceTable;
  promo_codes: PromoCodeTable;
  orders: OrderTable;
  order_items: OrderItemTable;
  order_status_history: OrderStatusHistoryTable;
  stock_reservations: StockReservationTable;
  promo_redemptions: PromoRedemptionTable;
  payments: PaymentTable;
  payment_attempts: PaymentAttemptTable;
  refunds: RefundTable;
  webhook_events: WebhookEventTable;
  drivers: DriverTable;
  driver_shifts: DriverShiftTable;
  deliveries: DeliveryTable;
  delivery_offers: DeliveryOfferTable;
  driver_actions: DriverActionTable;
  reviews: ReviewTable;
  rating_aggregates: RatingAggregateTable;
  review_helpful_votes: ReviewHelpfulVoteTable;
  outbox: OutboxTable;
  processed_events: ProcessedEventTable;
  kitchen_slots: KitchenSlotTable;
}

export type Region = Selectable<RegionTable>;
export type Store = Selectable<StoreTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Order = Selectable<OrderTable>;
export type NewOrder = Insertable<OrderTable>;
export type OrderUpdate = Updateable<OrderTable>;
export type OrderItem = Selectable<OrderItemTable>;
export type Payment = Selectable<PaymentTable>;
export type Delivery = Selectable<DeliveryTable>;
export type OutboxEvent = Selectable<OutboxTable>;
