// Generated, do not edit: `npm run db:types` rebuilds it from the migrations (kysely-codegen on a
// throw-away PostgreSQL database; settings in packages/db/.kysely-codegenrc.json). CI runs
// `npm run db:types:check`, which fails when this file and the migrations disagree.

import type { ColumnType } from "kysely";
import type {
  BundleRule,
  CatalogArgs,
  Channel,
  DeliveryStatus,
  HelpKind,
  HelpStatus,
  Int8Number,
  JsonColumn,
  KitchenClaim,
  MenuChangeEntity,
  MenuKind,
  NotificationJobPayload,
  OfferStatus,
  OrderAddress,
  OrderDeal,
  OrderItemConfig,
  OrderStatus,
  OutboxPayload,
  PasswordResetPurpose,
  PaymentAttemptStatus,
  PaymentGateway,
  PaymentMethod,
  PaymentStatus,
  PriceEntity,
  PromoKind,
  RefundStatus,
  ReviewTargetType,
  Role,
  StaffRole,
  StockEntity,
  TaxCategory,
  TaxLine,
  TaxMode,
  TaxRateCategory,
  TicketKind,
  ToppingKind,
  Vehicle,
  VerificationChannel,
  WeeklyHours,
} from "../domain-types.ts";

export type Generated<T> =
  T extends ColumnType<infer S, infer I, infer U>
    ? ColumnType<S, I | undefined, U>
    : ColumnType<T, T | undefined, T>;

export type Json = JsonValue;

export type JsonArray = JsonValue[];

export type JsonObject = {
  [x: string]: JsonValue | undefined;
};

export type JsonPrimitive = boolean | number | string | null;

export type JsonValue = JsonArray | JsonObject | JsonPrimitive;

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface Crusts {
  id: string;
  sort: Generated<number>;
}

export interface CrustSizes {
  crust_id: string;
  size_id: string;
}

export interface Deals {
  active: Generated<boolean>;
  ends_at: Timestamp | null;
  id: string;
  name: string;
  names: Generated<Json>;
  price: number;
  region_code: string;
  sort: Generated<number>;
  starts_at: Timestamp | null;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
}

export interface DealSlots {
  deal_id: string;
  item_id: string | null;
  kind: MenuKind;
  position: number;
  quantity: number;
  variant: string | null;
}

export interface Deliveries {
  arriving_at: Timestamp | null;
  assigned_at: Timestamp | null;
  away_note: string | null;
  away_reason: string | null;
  bag_checks: string[] | null;
  cash_collected: number | null;
  change_given: number | null;
  code_verified: boolean | null;
  created_at: Generated<Timestamp>;
  delivered_at: Timestamp | null;
  driver_id: string | null;
  dropoff_distance_m: number | null;
  dropoff_lat: number | null;
  dropoff_lng: number | null;
  dropoff_position_at: Timestamp | null;
  eta_dropoff_at: Timestamp | null;
  eta_pickup_at: Timestamp | null;
  explanation: JsonColumn<unknown> | null;
  id: Generated<string>;
  order_id: string;
  photo_key: string | null;
  picked_up_at: Timestamp | null;
  proof_removed_at: Timestamp | null;
  region_code: string;
  signature_key: string | null;
  status: DeliveryStatus;
  store_id: string;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface DeliveryOffers {
  delivery_id: string;
  distance_m: number;
  driver_id: string;
  eta_s: number;
  expires_at: Timestamp;
  id: Generated<string>;
  offered_at: Generated<Timestamp>;
  pay: Generated<number>;
  responded_at: Timestamp | null;
  status: OfferStatus;
}

export interface DriverActions {
  action: string;
  client_action_id: string;
  created_at: Generated<Timestamp>;
  delivery_id: string | null;
  driver_id: string;
  result: JsonColumn<unknown> | null;
}

export interface DriverEarnings {
  cash_to_hand_in: Generated<number>;
  currency: string;
  delivered_at: Timestamp;
  delivery_id: string;
  driver_id: string;
  fee: number;
  on_delivery_s: number;
  order_id: string;
  payment_method: PaymentMethod;
  shift_id: string | null;
  store_id: string;
  tip_card: Generated<number>;
  tip_cash: Generated<number>;
}

export interface Drivers {
  created_at: Generated<Timestamp>;
  home_store_id: string;
  user_id: string;
  vehicle: Generated<Vehicle>;
}

export interface DriverShifts {
  deliveries: Generated<number>;
  distance_m: Generated<number>;
  driver_id: string;
  ended_at: Timestamp | null;
  id: Generated<string>;
  started_at: Generated<Timestamp>;
  store_id: string;
  tips: Generated<number>;
}

export interface HelpPhotos {
  blob_key: string | null;
  bytes: Buffer | null;
  content_type: string;
  created_at: Generated<Timestamp>;
  customer_id: string;
  id: Generated<string>;
  removed_at: Timestamp | null;
  size: number;
}

export interface HelpRequests {
  created_at: Generated<Timestamp>;
  credit_amount: number | null;
  credit_promo_id: string | null;
  currency: string;
  customer_id: string;
  id: Generated<string>;
  kind: HelpKind;
  line_nos: Generated<number[]>;
  message: string;
  order_id: string;
  photo_id: string | null;
  refund_amount: number | null;
  region_code: string;
  resolution_note: string | null;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  status: Generated<HelpStatus>;
  store_id: string;
}

export interface KitchenSlots {
  orders: Generated<number>;
  slot_start: Timestamp;
  store_id: string;
}

export interface LoyaltyExpirySwept {
  credit_id: string;
  expired: number;
  swept_at: Generated<Timestamp>;
  user_id: string;
}

export interface LoyaltyLedger {
  created_at: Generated<Timestamp>;
  delta: number;
  event_key: string;
  expires_at: Timestamp | null;
  id: Generated<string>;
  kind: string;
  order_id: string | null;
  reason: string | null;
  region_code: string | null;
  user_id: string;
}

export interface LoyaltyRewards {
  active: Generated<boolean>;
  amount: number | null;
  id: string;
  item_id: string | null;
  kind: string;
  name: string;
  names: Generated<Json>;
  points: number;
  region_code: string;
  sort: Generated<number>;
  updated_at: Generated<Timestamp>;
  variant: string | null;
}

export interface LoyaltyRules {
  expiry_months: Generated<number>;
  order_min_subtotal: Generated<number>;
  order_points: Generated<number>;
  region_code: string;
  unit_minor: Generated<number>;
  unit_points: Generated<number>;
  updated_at: Generated<Timestamp>;
}

export interface MenuCategories {
  id: string;
  sort: Generated<number>;
}

export interface MenuChanges {
  action: string;
  after: Json | null;
  before: Json | null;
  changed_at: Generated<Timestamp>;
  changed_by: string;
  entity: MenuChangeEntity;
  entity_id: string;
  id: Generated<string>;
  region_code: string | null;
}

export interface MenuImages {
  alt_de: string | null;
  alt_en: string;
  alt_ja: string | null;
  subject_id: string;
  subject_kind: string;
  updated_at: Generated<Timestamp>;
  uploaded_by: string | null;
  variants: string[];
}

export interface MenuItems {
  active: Generated<boolean>;
  age_restricted: Generated<boolean>;
  category_id: string;
  default_cheese: string | null;
  default_sauce: string | null;
  default_toppings: Generated<string[]>;
  id: string;
  kind: MenuKind;
  sort: Generated<number>;
  tags: Generated<string[]>;
  tax_category: Generated<TaxCategory>;
}

export interface MenuItemVariants {
  id: string;
  item_id: string;
  sort: Generated<number>;
}

export interface MenuOptionGroups {
  id: string;
  item_id: string;
  max_select: Generated<number>;
  min_select: Generated<number>;
  sort: Generated<number>;
}

export interface MenuOptions {
  group_id: string;
  id: string;
  sort: Generated<number>;
}

export interface NotificationDeliveries {
  attempts: Generated<number>;
  body_html: string | null;
  body_text: string;
  channel: string;
  created_at: Generated<Timestamp>;
  event_id: string;
  failed_at: Timestamp | null;
  id: Generated<string>;
  kind: string;
  last_error: string | null;
  locale: Generated<string>;
  next_attempt_at: Generated<Timestamp>;
  order_id: string | null;
  recipient: string;
  recipient_name: string | null;
  sent_at: Timestamp | null;
  status: Generated<string>;
  subject: string;
}

export interface NotificationJobs {
  attempts: Generated<number>;
  created_at: Generated<Timestamp>;
  event_id: string;
  id: Generated<string>;
  kind: string;
  last_error: string | null;
  next_attempt_at: Generated<Timestamp>;
  payload: JsonColumn<NotificationJobPayload>;
  status: Generated<string>;
  user_id: string;
}

export interface NotificationPreferences {
  channels: string[];
  consented_at: Timestamp | null;
  kind: string;
  updated_at: Generated<Timestamp>;
  user_id: string;
}

export interface OidcSignInTickets {
  created_at: Generated<Timestamp>;
  error_args: JsonColumn<CatalogArgs> | null;
  error_key: string | null;
  expires_at: Timestamp;
  ticket_hash: string;
  used_at: Timestamp | null;
  user_id: string | null;
}

export interface OrderItems {
  config: JsonColumn<OrderItemConfig>;
  id: Generated<string>;
  item_id: string;
  kind: MenuKind;
  line_no: number;
  line_total: number;
  name: string;
  order_id: string;
  quantity: number;
  region_code: string;
  unit_price: number;
  variant: Generated<string>;
}

export interface Orders {
  address: JsonColumn<OrderAddress> | null;
  cancel_reason: string | null;
  cancel_reason_args: JsonColumn<CatalogArgs> | null;
  cancel_reason_key: string | null;
  channel: Channel;
  created_at: Generated<Timestamp>;
  currency: string;
  customer_id: string;
  deal_discount: Generated<number>;
  deals: Generated<JsonColumn<OrderDeal[]>>;
  delivery_fee: Generated<number>;
  discount: Generated<number>;
  handover_code: string | null;
  handover_confirmed_by: string | null;
  handover_failures: Generated<number>;
  handover_verified_at: Timestamp | null;
  id: Generated<string>;
  idempotency_key: string;
  kitchen_claims: Generated<JsonColumn<KitchenClaim[]>>;
  lat: number | null;
  lng: number | null;
  notes: string | null;
  order_number: Generated<Int8Number>;
  payment_method: Generated<PaymentMethod>;
  promised_at: Timestamp;
  promo_code_id: string | null;
  ready_estimate_at: Timestamp | null;
  region_code: string;
  request_hash: string | null;
  reward_id: string | null;
  reward_points: number | null;
  scheduled_for: Timestamp | null;
  status: OrderStatus;
  store_id: string;
  subtotal: number;
  tax: Generated<number>;
  tax_included: boolean;
  tax_lines: Generated<JsonColumn<TaxLine[]>>;
  tip: Generated<number>;
  total: number;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface OrderStatusHistory {
  actor_id: string | null;
  actor_role: string | null;
  at: Generated<Timestamp>;
  from_status: OrderStatus | null;
  id: Generated<Int8Number>;
  note: string | null;
  order_id: string;
  region_code: string;
  to_status: OrderStatus;
  version: number;
}

export interface OrderTrackLinks {
  created_at: Generated<Timestamp>;
  order_id: string;
  region_code: string;
  token: string;
}

export interface Outbox {
  aggregate_id: string;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  payload: JsonColumn<OutboxPayload>;
  published_at: Timestamp | null;
  seq: Generated<Int8Number>;
  topic: string;
}

export interface PasswordResets {
  attempts: Generated<number>;
  channel: VerificationChannel;
  code_hash: string | null;
  consumed_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  id: Generated<string>;
  purpose: PasswordResetPurpose;
  target: string;
  token_hash: string;
  user_id: string;
}

export interface PaymentAttempts {
  amount: number;
  attempt_no: number;
  captured_amount: number | null;
  card_brand: string | null;
  card_last4: string | null;
  client_request_id: string | null;
  created_at: Generated<Timestamp>;
  error_code: string | null;
  error_message: string | null;
  gateway_ref: string | null;
  id: Generated<string>;
  idempotency_key: string;
  order_version: number | null;
  payment_id: string;
  status: PaymentAttemptStatus;
  updated_at: Generated<Timestamp>;
}

export interface PaymentCustomers {
  created_at: Generated<Timestamp>;
  gateway: string;
  gateway_customer_id: string;
  user_id: string;
}

export interface Payments {
  amount: number;
  amount_refunded: Generated<number>;
  created_at: Generated<Timestamp>;
  currency: string;
  customer_id: string;
  gateway: PaymentGateway;
  gateway_ref: string | null;
  id: Generated<string>;
  method: PaymentMethod;
  order_id: string;
  region_code: string;
  status: PaymentStatus;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface PizzaSizes {
  diameter_cm: number;
  id: string;
  max_toppings: number;
  sort: Generated<number>;
}

export interface Prices {
  amount: number;
  entity: PriceEntity;
  entity_id: string;
  region_code: string;
  updated_at: Generated<Timestamp>;
  variant: Generated<string>;
}

export interface ProcessedEvents {
  consumer: string;
  event_id: string;
  processed_at: Generated<Timestamp>;
}

export interface PromoCodes {
  active: Generated<boolean>;
  amount: number | null;
  bundle: JsonColumn<BundleRule> | null;
  code: string;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  currency: string | null;
  customer_id: string | null;
  description: string | null;
  first_order_only: Generated<boolean>;
  free_item_id: string | null;
  id: Generated<string>;
  kind: PromoKind;
  max_discount: number | null;
  min_subtotal: Generated<number>;
  per_customer_limit: number | null;
  percent: number | null;
  region_code: string | null;
  store_id: string | null;
  usage_limit: number | null;
  used_count: Generated<number>;
  valid_from: Timestamp | null;
  valid_to: Timestamp | null;
}

export interface PromoRedemptions {
  created_at: Generated<Timestamp>;
  customer_id: string;
  discount: number;
  id: Generated<string>;
  order_id: string;
  promo_id: string;
  region_code: string;
  released_at: Timestamp | null;
}

export interface PushSubscriptions {
  app: string;
  auth: string;
  created_at: Generated<Timestamp>;
  endpoint: string;
  id: Generated<string>;
  last_success_at: Timestamp | null;
  p256dh: string;
  user_id: string;
}

export interface RatingAggregates {
  rating_count: Generated<number>;
  rating_sum: Generated<number>;
  target_id: string;
  target_type: string;
}

export interface RefreshTokens {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  family_id: string;
  id: Generated<string>;
  revoked_at: Timestamp | null;
  token_hash: string;
  used_at: Timestamp | null;
  user_id: string;
}

export interface Refunds {
  amount: number;
  created_at: Generated<Timestamp>;
  gateway_ref: string | null;
  id: Generated<string>;
  idempotency_key: string;
  intent_ref: string | null;
  payment_id: string;
  reason: string;
  status: RefundStatus;
}

export interface RegionAvailability {
  available: boolean;
  entity: StockEntity;
  entity_id: string;
  region_code: string;
  updated_at: Generated<Timestamp>;
}

export interface Regions {
  code: string;
  created_at: Generated<Timestamp>;
  currency: string;
  currency_digits: number;
  delivery_fee: number;
  driver_speed_kmh: Generated<number>;
  locale: string;
  manager_price_change_pct: Generated<number>;
  min_delivery_subtotal: Generated<number>;
  name: string;
  price_rule_updated_at: Timestamp | null;
  price_rule_updated_by: string | null;
  tax_mode: TaxMode;
  tax_rate_ppm: number;
  timezone: string;
}

export interface ReviewHelpfulVotes {
  created_at: Generated<Timestamp>;
  review_id: string;
  user_id: string;
}

export interface Reviews {
  body: string | null;
  created_at: Generated<Timestamp>;
  customer_id: string;
  helpful_count: Generated<number>;
  hidden_at: Timestamp | null;
  hidden_by: string | null;
  hidden_reason: string | null;
  id: Generated<string>;
  order_id: string;
  rating: number;
  region_code: string;
  store_id: string;
  target_id: string;
  target_type: ReviewTargetType;
  updated_at: Generated<Timestamp>;
}

export interface Sauces {
  id: string;
  sort: Generated<number>;
}

export interface ScheduledPrices {
  amount: number;
  created_at: Generated<Timestamp>;
  created_by: string;
  effective_at: Timestamp;
  entity: PriceEntity;
  entity_id: string;
  id: Generated<string>;
  region_code: string;
  variant: Generated<string>;
}

export interface SimulatedGatewayRequests {
  created_at: Generated<Timestamp>;
  fingerprint: string;
  outcome: Json | null;
  scoped_key: string;
}

export interface SimulatedPaymentIntents {
  created_at: Generated<Timestamp>;
  id: string;
  state: Json;
  updated_at: Generated<Timestamp>;
}

export interface StockReservations {
  entity: StockEntity;
  entity_id: string;
  order_id: string;
  quantity: number;
  region_code: string;
  released_at: Timestamp | null;
  store_id: string;
}

export interface StoreDeliveryCells {
  cell: string;
  store_id: string;
}

export interface StoreHourOverrides {
  closed: Generated<boolean>;
  closes: string | null;
  day: string;
  opens: string | null;
  store_id: string;
}

export interface StorePrices {
  amount: number;
  entity: PriceEntity;
  entity_id: string;
  store_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  variant: Generated<string>;
}

export interface Stores {
  accepting_orders: Generated<boolean>;
  address: string;
  created_at: Generated<Timestamp>;
  delivery_paused: Generated<boolean>;
  driver_fee_per_delivery: Generated<number>;
  dropoff_radius_m: Generated<number>;
  h3_cell: string;
  handover_code_cash_above: Generated<number | null>;
  hours: JsonColumn<WeeklyHours>;
  id: Generated<string>;
  kitchen_capacity: Generated<number>;
  lat: number;
  lng: number;
  name: string;
  phone: string | null;
  region_code: string;
  slug: string;
  ticket_printer_host: string | null;
  ticket_printer_paper: Generated<string>;
  ticket_printer_port: Generated<number>;
  timezone: string;
}

export interface StoreStock {
  available: Generated<boolean>;
  entity: StockEntity;
  entity_id: string;
  stock: number | null;
  store_id: string;
  updated_at: Generated<Timestamp>;
}

export interface TaxRates {
  category: TaxRateCategory;
  rate_ppm: number | null;
  region_code: string;
}

export interface TicketPrints {
  id: Generated<string>;
  kind: TicketKind;
  order_id: string;
  order_version: number;
  printed_at: Generated<Timestamp>;
  printed_by: string;
  region_code: string;
  reprint: Generated<boolean>;
}

export interface Toppings {
  id: string;
  kind: ToppingKind;
  premium: Generated<boolean>;
  sort: Generated<number>;
}

export interface Translations {
  description: string | null;
  entity: string;
  entity_id: string;
  locale: string;
  name: string;
}

export interface Trips {
  created_at: Generated<Timestamp>;
  driver_id: string;
  id: string;
  store_id: string;
}

export interface TripStops {
  active: Generated<boolean>;
  delivery_id: string;
  position: number;
  trip_id: string;
}

export interface UserAddresses {
  city: string;
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  label: string;
  lat: number;
  line1: string;
  line2: string | null;
  lng: number;
  notes: string | null;
  postal_code: string | null;
  user_id: string;
}

export interface UserIdentities {
  created_at: Generated<Timestamp>;
  email_at_link: string | null;
  provider: string;
  subject: string;
  user_id: string;
}

export interface Users {
  confirmed_at: Generated<Timestamp | null>;
  contact_email: string | null;
  contact_phone: string | null;
  created_at: Generated<Timestamp>;
  default_address_id: string | null;
  email: string | null;
  email_verified_at: Timestamp | null;
  id: Generated<string>;
  is_guest: Generated<boolean>;
  locale: string | null;
  name: string;
  password_hash: string;
  phone: string | null;
  phone_verified_at: Timestamp | null;
  region_code: string | null;
  role: Generated<Role>;
  staff_role: StaffRole | null;
  store_id: string | null;
  updated_at: Generated<Timestamp>;
}

export interface VerificationCodes {
  attempts: Generated<number>;
  channel: VerificationChannel;
  code_hash: string;
  consumed_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  id: Generated<string>;
  target: string;
  user_id: string;
}

export interface WebhookEvents {
  gateway: string;
  id: string;
  processed_at: Timestamp | null;
  received_at: Generated<Timestamp>;
  type: string;
}

export interface DB {
  crust_sizes: CrustSizes;
  crusts: Crusts;
  deal_slots: DealSlots;
  deals: Deals;
  deliveries: Deliveries;
  delivery_offers: DeliveryOffers;
  driver_actions: DriverActions;
  driver_earnings: DriverEarnings;
  driver_shifts: DriverShifts;
  drivers: Drivers;
  help_photos: HelpPhotos;
  help_requests: HelpRequests;
  kitchen_slots: KitchenSlots;
  loyalty_expiry_swept: LoyaltyExpirySwept;
  loyalty_ledger: LoyaltyLedger;
  loyalty_rewards: LoyaltyRewards;
  loyalty_rules: LoyaltyRules;
  menu_categories: MenuCategories;
  menu_changes: MenuChanges;
  menu_images: MenuImages;
  menu_item_variants: MenuItemVariants;
  menu_items: MenuItems;
  menu_option_groups: MenuOptionGroups;
  menu_options: MenuOptions;
  notification_deliveries: NotificationDeliveries;
  notification_jobs: NotificationJobs;
  notification_preferences: NotificationPreferences;
  oidc_sign_in_tickets: OidcSignInTickets;
  order_items: OrderItems;
  order_status_history: OrderStatusHistory;
  order_track_links: OrderTrackLinks;
  orders: Orders;
  outbox: Outbox;
  password_resets: PasswordResets;
  payment_attempts: PaymentAttempts;
  payment_customers: PaymentCustomers;
  payments: Payments;
  pizza_sizes: PizzaSizes;
  prices: Prices;
  processed_events: ProcessedEvents;
  promo_codes: PromoCodes;
  promo_redemptions: PromoRedemptions;
  push_subscriptions: PushSubscriptions;
  rating_aggregates: RatingAggregates;
  refresh_tokens: RefreshTokens;
  refunds: Refunds;
  region_availability: RegionAvailability;
  regions: Regions;
  review_helpful_votes: ReviewHelpfulVotes;
  reviews: Reviews;
  sauces: Sauces;
  scheduled_prices: ScheduledPrices;
  simulated_gateway_requests: SimulatedGatewayRequests;
  simulated_payment_intents: SimulatedPaymentIntents;
  stock_reservations: StockReservations;
  store_delivery_cells: StoreDeliveryCells;
  store_hour_overrides: StoreHourOverrides;
  store_prices: StorePrices;
  store_stock: StoreStock;
  stores: Stores;
  tax_rates: TaxRates;
  ticket_prints: TicketPrints;
  toppings: Toppings;
  translations: Translations;
  trip_stops: TripStops;
  trips: Trips;
  user_addresses: UserAddresses;
  user_identities: UserIdentities;
  users: Users;
  verification_codes: VerificationCodes;
  webhook_events: WebhookEvents;
}
