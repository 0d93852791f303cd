import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 20, the rest of proof of delivery:
// - menu items may be age-restricted (the seed's beer is); an order with one needs a handover code;
// - a store's settings: cash orders above `handover_code_cash_above` (minor units of the region's
//   currency; null = never) need a handover code, and "Delivered" needs no reason within
//   `dropoff_radius_m` metres of the address (was the constant 300);
// - an order needing one carries its 4-digit handover code (kept as issued: the customer's tracker shows
//   it again, and a hash of 10,000 possible codes protects nothing), the wrong attempts (at most 5: the
//   check makes a sixth impossible whatever the code does), when it was verified and, after a lockout, the
//   staff member who confirmed the handover;
// - the delivery records the bag checks ticked at pick-up, the signature's blob key and whether the code
//   was verified at the door.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `alter table menu_items add column age_restricted boolean not null default false`,
    `update menu_items set age_restricted = true where tax_category = 'alcohol'`,
    `alter table stores
       add column handover_code_cash_above integer default 5000 check (handover_code_cash_above >= 0),
       add column dropoff_radius_m integer not null default 300 check (dropoff_radius_m between 10 and 5000)`,
    `alter table orders
       add column handover_code text check (handover_code ~ '^[0-9]{4}$'),
       add column handover_failures integer not null default 0 check (handover_failures between 0 and 5),
       add column handover_verified_at timestamptz,
       add column handover_confirmed_by uuid references users(id)`,
    `alter table deliveries
       add column bag_checks text[],
       add column signature_key text,
       add column code_verified boolean`,
  ])
    await sql.raw(statement).execute(db);
}
