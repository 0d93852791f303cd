import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 20, a driver's earnings: each store pays its drivers a fixed fee per delivery
// (minor units of its region's currency; existing stores get a sensible figure per currency), and every
// delivery writes one earnings row in its drop-off transaction (primary key = the delivery: never counted
// twice), fixing the fee, the tip (card or cash), the cash to hand in and the time on delivery as they were
// at that moment, so a later change of the store's fee does not rewrite past shifts.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `alter table stores
       add column driver_fee_per_delivery integer not null default 0 check (driver_fee_per_delivery >= 0)`,
    `update stores s set driver_fee_per_delivery = case r.currency
         when 'USD' then 500 when 'EUR' then 400 when 'JPY' then 500 when 'GBP' then 400 else 0 end
       from regions r where r.code = s.region_code`,
    `create table driver_earnings (
       delivery_id uuid primary key references deliveries(id),
       order_id uuid not null,
       driver_id uuid not null references drivers(user_id),
       shift_id uuid references driver_shifts(id),
       store_id uuid not null references stores(id),
       currency char(3) not null,
       payment_method text not null check (payment_method in ('card', 'cash')),
       fee integer not null check (fee >= 0),
       tip_card integer not null default 0 check (tip_card >= 0),
       tip_cash integer not null default 0 check (tip_cash >= 0),
       cash_to_hand_in integer not null default 0 check (cash_to_hand_in >= 0),
       on_delivery_s integer not null check (on_delivery_s >= 0),
       delivered_at timestamptz not null,
       check (payment_method = 'cash' or (tip_cash = 0 and cash_to_hand_in = 0)),
       check (payment_method = 'card' or tip_card = 0)
     )`,
    `create index driver_earnings_driver_idx on driver_earnings (driver_id, delivered_at)`,
    `create index driver_earnings_store_idx on driver_earnings (store_id, delivered_at)`,
    `create index driver_earnings_shift_idx on driver_earnings (shift_id)`,
  ])
    await sql.raw(statement).execute(db);
}
