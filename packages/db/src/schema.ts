import type { Insertable, Selectable, Updateable } from "kysely";
import type { JsonColumn } from "./domain-types.ts";
import type { DB } from "./generated/database.ts";

// The names the code base uses for tables and rows. The column types come from `generated/database.ts`
// (`npm run db:types` reads them from a migrated database; CI fails when they drift), the value sets and
// jsonb shapes from `domain-types.ts`. Prefer `Selectable<OrderTable>` or `Pick<Order, ...>` to a copy.

export { ORDER_STATUSES } from "@pizza/contracts";
export type * from "./domain-types.ts";

/** jsonb: read as the parsed value, written as a JSON string (pg would turn JS arrays into SQL arrays). */
export type Json<T> = JsonColumn<T>;

export type Database = DB;

export type RegionTable = DB["regions"];
export type StoreTable = DB["stores"];
export type StoreDeliveryCellTable = DB["store_delivery_cells"];
export type StoreHourOverrideTable = DB["store_hour_overrides"];
export type UserTable = DB["users"];
export type UserAddressTable = DB["user_addresses"];
export type RefreshTokenTable = DB["refresh_tokens"];
export type VerificationCodeTable = DB["verification_codes"];
export type PasswordResetTable = DB["password_resets"];
export type MenuCategoryTable = DB["menu_categories"];
export type MenuItemTable = DB["menu_items"];
export type PizzaSizeTable = DB["pizza_sizes"];
export type CrustTable = DB["crusts"];
export type CrustSizeTable = DB["crust_sizes"];
export type SauceTable = DB["sauces"];
export type ToppingTable = DB["toppings"];
export type MenuItemVariantTable = DB["menu_item_variants"];
export type MenuOptionGroupTable = DB["menu_option_groups"];
export type MenuOptionTable = DB["menu_options"];
export type DealTable = DB["deals"];
export type DealSlotTable = DB["deal_slots"];
export type TranslationTable = DB["translations"];
export type PriceTable = DB["prices"];
export type StorePriceTable = DB["store_prices"];
export type StoreStockTable = DB["store_stock"];
export type PromoCodeTable = DB["promo_codes"];
export type OrderTable = DB["orders"];
export type OrderItemTable = DB["order_items"];
export type OrderStatusHistoryTable = DB["order_status_history"];
export type StockReservationTable = DB["stock_reservations"];
export type PromoRedemptionTable = DB["promo_redemptions"];
export type PaymentTable = DB["payments"];
export type PaymentAttemptTable = DB["payment_attempts"];
export type RefundTable = DB["refunds"];
export type WebhookEventTable = DB["webhook_events"];
export type DriverTable = DB["drivers"];
export type DriverShiftTable = DB["driver_shifts"];
export type DeliveryTable = DB["deliveries"];
export type DeliveryOfferTable = DB["delivery_offers"];
export type TripTable = DB["trips"];
export type TripStopTable = DB["trip_stops"];
export type DriverActionTable = DB["driver_actions"];
export type DriverEarningTable = DB["driver_earnings"];
export type ReviewTable = DB["reviews"];
export type RatingAggregateTable = DB["rating_aggregates"];
export type ReviewHelpfulVoteTable = DB["review_helpful_votes"];
export type OutboxTable = DB["outbox"];
export type KitchenSlotTable = DB["kitchen_slots"];
export type ProcessedEventTable = DB["processed_events"];
export type NotificationDeliveryTable = DB["notification_deliveries"];
export type NotificationPreferenceTable = DB["notification_preferences"];
export type NotificationJobTable = DB["notification_jobs"];
export type PushSubscriptionTable = DB["push_subscriptions"];
export type HelpRequestTable = DB["help_requests"];
export type HelpPhotoTable = DB["help_photos"];
export type UserIdentityTable = DB["user_identities"];
export type OidcSignInTicketTable = DB["oidc_sign_in_tickets"];
export type SimulatedPaymentIntentTable = DB["simulated_payment_intents"];
export type SimulatedGatewayRequestTable = DB["simulated_gateway_requests"];
export type PaymentCustomerTable = DB["payment_customers"];
export type TicketPrintTable = DB["ticket_prints"];
export type MenuChangeTable = DB["menu_changes"];
export type ScheduledPriceTable = DB["scheduled_prices"];
export type RegionAvailabilityTable = DB["region_availability"];

// Rows as a query returns them (`Selectable`), and what an insert or update accepts.
export type Region = Selectable<RegionTable>;
export type Store = Selectable<StoreTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type MenuItem = Selectable<MenuItemTable>;
export type PromoCode = Selectable<PromoCodeTable>;
export type Order = Selectable<OrderTable>;
export type NewOrder = Insertable<OrderTable>;
export type OrderUpdate = Updateable<OrderTable>;
export type OrderItem = Selectable<OrderItemTable>;
export type Payment = Selectable<PaymentTable>;
export type PaymentAttempt = Selectable<PaymentAttemptTable>;
export type Refund = Selectable<RefundTable>;
export type Delivery = Selectable<DeliveryTable>;
export type DeliveryOffer = Selectable<DeliveryOfferTable>;
export type DriverShift = Selectable<DriverShiftTable>;
export type Review = Selectable<ReviewTable>;
export type OutboxEvent = Selectable<OutboxTable>;
export type NotificationDelivery = Selectable<NotificationDeliveryTable>;
export type NotificationPreference = Selectable<NotificationPreferenceTable>;
export type NotificationJob = Selectable<NotificationJobTable>;
export type PushSubscriptionRow = Selectable<PushSubscriptionTable>;
