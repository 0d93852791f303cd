import { type Kysely, sql } from "kysely";

// Frozen: never edit after it lands; add a new migration instead.
// Written as plain SQL so that it reads like the schema it creates; each statement runs on its own
// because both drivers use the extended protocol (one statement per query).
const statements = [
  // ── regions and stores ───────────────────────────────────────────────────────────────────
  `create table regions (
    code text primary key check (code ~ '^[a-z]{2,8}$'),
    name text not null,
    currency char(3) not null,
    currency_digits smallint not null check (currency_digits between 0 and 3),
    locale text not null,
    timezone text not null,
    tax_mode text not null check (tax_mode in ('exclusive', 'inclusive')),
    tax_rate_ppm integer not null check (tax_rate_ppm between 0 and 1000000),
    delivery_fee integer not null check (delivery_fee >= 0),
    min_delivery_subtotal integer not null default 0 check (min_delivery_subtotal >= 0),
    driver_speed_kmh real not null default 25,
    created_at timestamptz not null default now()
  )`,
  `create table stores (
    id uuid primary key default gen_random_uuid(),
    region_code text not null references regions(code),
    slug text not null unique,
    name text not null,
    address text not null,
    phone text,
    lat double precision not null check (lat between -90 and 90),
    lng double precision not null check (lng between -180 and 180),
    h3_cell text not null,
    timezone text not null,
    hours jsonb not null,
    accepting_orders boolean not null default true,
    delivery_paused boolean not null default false,
    kitchen_capacity integer not null default 12 check (kitchen_capacity > 0),
    created_at timestamptz not null default now()
  )`,
  `create index stores_region_idx on stores (region_code)`,
  `create table store_delivery_cells (
    cell text not null,
    store_id uuid not null references stores(id) on delete cascade,
    primary key (cell, store_id)
  )`,
  `create index store_delivery_cells_store_idx on store_delivery_cells (store_id)`,
  `create table store_hour_overrides (
    store_id uuid not null references stores(id) on delete cascade,
    day date not null,
    opens time,
    closes time,
    closed boolean not null default false,
    primary key (store_id, day)
  )`,

  // ── users and accounts ───────────────────────────────────────────────────────────────────
  `create table users (
    id uuid primary key default gen_random_uuid(),
    email text unique check (email = lower(email)),
    phone text unique check (phone ~ '^\\+[1-9][0-9]{6,14}$'),
    password_hash text not null,
    name text not null,
    role text not null default 'customer' check (role in ('customer', 'driver', 'staff', 'admin')),
    store_id uuid references stores(id),
    locale text,
    email_verified_at timestamptz,
    phone_verified_at timestamptz,
    default_address_id uuid,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (email is not null or phone is not null),
    check (role <> 'staff' or store_id is not null)
  )`,
  `create table user_addresses (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id) on delete cascade,
    label text not null,
    line1 text not null,
    line2 text,
    city text not null,
    postal_code text,
    notes text,
    lat double precision not null check (lat between -90 and 90),
    lng double precision not null check (lng between -180 and 180),
    created_at timestamptz not null default now()
  )`,
  `create index user_addresses_user_idx on user_addresses (user_id)`,
  `alter table users add constraint users_default_address_fk
    foreign key (default_address_id) references user_addresses(id) on delete set null`,
  `create table refresh_tokens (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id) on delete cascade,
    family_id uuid not null,
    token_hash text not null unique,
    expires_at timestamptz not null,
    used_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  `create index refresh_tokens_family_idx on refresh_tokens (family_id)`,
  `create table verification_codes (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id) on delete cascade,
    channel text not null check (channel in ('email', 'phone')),
    target text not null,
    code_hash text not null,
    attempts integer not null default 0,
    expires_at timestamptz not null,
    consumed_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  `create index verification_codes_user_idx on verification_codes (user_id, channel)`,

  // ── menu: catalogue, localized names, regional prices, store availability ─────────────────
  `create table menu_categories (
    id text primary key,
    sort integer not null default 0
  )`,
  `create table menu_items (
    id text primary key,
    category_id text not null references menu_categories(id),
    kind text not null check (kind in ('pizza', 'side', 'dessert', 'drink')),
    default_sauce text,
    default_cheese text,
    default_toppings text[] not null default '{}',
    tags text[] not null default '{}',
    sort integer not null default 0,
    active boolean not null default true
  )`,
  `create table pizza_sizes (
    id text primary key,
    diameter_cm integer not null,
    max_toppings integer not null check (max_toppings >= 0),
    sort integer not null default 0
  )`,
  `create table crusts (
    id text primary key,
    sort integer not null default 0
  )`,
  `create table crust_sizes (
    crust_id text not null references crusts(id),
    size_id text not null references pizza_sizes(id),
    primary key (crust_id, size_id)
  )`,
  `create table sauces (
    id text primary key,
    sort integer not null default 0
  )`,
  `create table toppings (
    id text primary key,
    kind text not null check (kind in ('meat', 'veggie', 'cheese')),
    premium boolean not null default false,
    sort integer not null default 0
  )`,
  // Variants are how a side, dessert or drink comes (6 or 12 wings, 0.5 l or 1.5 l).
  `create table menu_item_variants (
    item_id text not null references menu_items(id),
    id text not null,
    sort integer not null default 0,
    primary key (item_id, id)
  )`,
  `create table menu_option_groups (
    id text primary key,
    item_id text not null references menu_items(id),
    min_select integer not null default 0,
    max_select integer not null default 1,
    sort integer not null default 0,
    check (min_select >= 0 and max_select >= min_select)
  )`,
  `create table menu_options (
    id text not null,
    group_id text not null references menu_option_groups(id),
    sort integer not null default 0,
    primary key (group_id, id)
  )`,
  // One table of localized names for every kind of menu entity: (kind, id, locale) → name.
  `create table translations (
    entity text not null,
    entity_id text not null,
    locale text not null,
    name text not null,
    description text,
    primary key (entity, entity_id, locale)
  )`,
  // Regional price list in minor units of the region's currency; variant '' when it does not apply.
  `create table prices (
    region_code text not null references regions(code),
    entity text not null check (entity in ('item', 'topping', 'crust', 'cheese', 'option')),
    entity_id text not null,
    variant text not null default '',
    amount integer not null check (amount >= 0),
    updated_at timestamptz not null default now(),
    primary key (region_code, entity, entity_id, variant)
  )`,
  // Availability of anything orderable at one store; stock null means not counted.
  `create table store_stock (
    store_id uuid not null references stores(id) on delete cascade,
    entity text not null check (entity in ('item', 'topping', 'crust', 'sauce', 'option')),
    entity_id text not null,
    available boolean not null default true,
    stock integer check (stock >= 0),
    updated_at timestamptz not null default now(),
    primary key (store_id, entity, entity_id)
  )`,

  // ── promo codes ─────────────────────────────────────────────────────────────────────────
  `create table promo_codes (
    id uuid primary key default gen_random_uuid(),
    code text not null unique check (code = upper(code)),
    description text,
    kind text not null check (kind in ('percent', 'fixed', 'free_delivery', 'free_item', 'bundle')),
    percent integer check (percent between 1 and 100),
    amount integer check (amount >= 0),
    max_discount integer check (max_discount >= 0),
    currency char(3),
    free_item_id text references menu_items(id),
    bundle jsonb,
    min_subtotal integer not null default 0,
    valid_from timestamptz,
    valid_to timestamptz,
    region_code text references regions(code),
    store_id uuid references stores(id),
    first_order_only boolean not null default false,
    per_customer_limit integer check (per_customer_limit > 0),
    usage_limit integer check (usage_limit > 0),
    used_count integer not null default 0 check (used_count >= 0),
    active boolean not null default true,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    check (usage_limit is null or used_count <= usage_limit)
  )`,

  // ── orders: partitioned by region (LIST); children carry region_code for the composite key ─
  `create sequence order_number_seq`,
  `create table orders (
    id uuid not null default gen_random_uuid(),
    region_code text not null references regions(code),
    order_number bigint not null default nextval('order_number_seq'),
    store_id uuid not null references stores(id),
    customer_id uuid not null references users(id),
    channel text not null check (channel in ('delivery', 'carryout')),
    status text not null check (status in ('pending_payment', 'placed', 'preparing', 'baking',
      'quality_check', 'ready', 'out_for_delivery', 'delivered', 'picked_up', 'cancelled')),
    version integer not null default 1,
    payment_method text not null default 'card' check (payment_method in ('card', 'cash')),
    address jsonb,
    lat double precision,
    lng double precision,
    notes text,
    currency char(3) not null,
    subtotal integer not null check (subtotal >= 0),
    discount integer not null default 0 check (discount >= 0),
    delivery_fee integer not null default 0 check (delivery_fee >= 0),
    tax integer not null default 0 check (tax >= 0),
    tax_included boolean not null,
    tip integer not null default 0 check (tip >= 0),
    total integer not null check (total >= 0),
    promo_code_id uuid references promo_codes(id),
    idempotency_key text not null,
    scheduled_for timestamptz,
    promised_at timestamptz not null,
    ready_estimate_at timestamptz,
    cancel_reason text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (id, region_code),
    unique (customer_id, idempotency_key, region_code),
    check (channel = 'carryout' or (lat is not null and lng is not null))
  ) partition by list (region_code)`,
  `create table orders_default partition of orders default`,
  `create index orders_store_status_idx on orders (store_id, status, created_at)`,
  `create index orders_customer_idx on orders (customer_id, created_at)`,
  `create index orders_store_promised_idx on orders (store_id, promised_at)`,
  `create table order_items (
    id uuid primary key default gen_random_uuid(),
    order_id uuid not null,
    region_code text not null,
    line_no integer not null,
    item_id text not null references menu_items(id),
    kind text not null,
    variant text not null default '',
    quantity integer not null check (quantity > 0),
    config jsonb not null,
    name text not null,
    unit_price integer not null check (unit_price >= 0),
    line_total integer not null check (line_total >= 0),
    foreign key (order_id, region_code) references orders(id, region_code) on delete cascade,
    unique (order_id, line_no)
  )`,
  `create table order_status_history (
    id bigserial primary key,
    order_id uuid not null,
    region_code text not null,
    from_status text,
    to_status text not null,
    version integer not null,
    actor_id uuid,
    actor_role text,
    note text,
    at timestamptz not null default now(),
    foreign key (order_id, region_code) references orders(id, region_code) on delete cascade
  )`,
  `create index order_status_history_order_idx on order_status_history (order_id, id)`,
  `create table stock_reservations (
    order_id uuid not null,
    region_code text not null,
    store_id uuid not null,
    entity text not null,
    entity_id text not null,
    quantity integer not null check (quantity > 0),
    released_at timestamptz,
    primary key (order_id, entity, entity_id),
    foreign key (order_id, region_code) references orders(id, region_code) on delete cascade
  )`,
  `create table promo_redemptions (
    id uuid primary key default gen_random_uuid(),
    promo_id uuid not null references promo_codes(id),
    order_id uuid not null,
    region_code text not null,
    customer_id uuid not null references users(id),
    discount integer not null check (discount >= 0),
    created_at timestamptz not null default now(),
    released_at timestamptz,
    unique (order_id),
    foreign key (order_id, region_code) references orders(id, region_code) on delete cascade
  )`,
  `create index promo_redemptions_customer_idx on promo_redemptions (promo_id, customer_id)`,

  // ── payments ────────────────────────────────────────────────────────────────────────────
  `create table payments (
    id uuid primary key default gen_random_uuid(),
    order_id uuid not null,
    region_code text not null,
    customer_id uuid not null references users(id),
    method text not null check (method in ('card', 'cash')),
    gateway text not null check (gateway in ('stripe', 'simulated', 'cash')),
    gateway_ref text unique,
    amount integer not null check (amount >= 0),
    currency char(3) not null,
    status text not null check (status in ('pending', 'processing', 'requires_action', 'succeeded',
      'failed', 'refunded', 'partially_refunded', 'cancelled')),
    amount_refunded integer not null default 0 check (amount_refunded >= 0),
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (order_id),
    foreign key (order_id, region_code) references orders(id, region_code)
  )`,
  `create table payment_attempts (
    id uuid primary key default gen_random_uuid(),
    payment_id uuid not null references payments(id),
    attempt_no integer not null,
    idempotency_key text not null unique,
    client_request_id text,
    status text not null check (status in ('started', 'succeeded', 'failed', 'requires_action', 'unknown')),
    amount integer not null,
    card_brand text,
    card_last4 text check (card_last4 ~ '^[0-9]{4}$'),
    error_code text,
    error_message text,
    gateway_ref text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (payment_id, attempt_no)
  )`,
  `create index payment_attempts_unknown_idx on payment_attempts (status, updated_at) where status in ('started', 'unknown')`,
  `create table refunds (
    id uuid primary key default gen_random_uuid(),
    payment_id uuid not null references payments(id),
    amount integer not null check (amount > 0),
    reason text not null,
    idempotency_key text not null unique,
    gateway_ref text,
    status text not null check (status in ('pending', 'succeeded', 'failed')),
    created_at timestamptz not null default now()
  )`,
  `create table webhook_events (
    id text primary key,
    gateway text not null,
    type text not null,
    received_at timestamptz not null default now(),
    processed_at timestamptz
  )`,

  // ── drivers and deliveries ──────────────────────────────────────────────────────────────
  `create table drivers (
    user_id uuid primary key references users(id) on delete cascade,
    home_store_id uuid not null references stores(id),
    vehicle text not null default 'scooter' check (vehicle in ('bike', 'scooter', 'car')),
    created_at timestamptz not null default now()
  )`,
  `create table driver_shifts (
    id uuid primary key default gen_random_uuid(),
    driver_id uuid not null references drivers(user_id),
    store_id uuid not null references stores(id),
    started_at timestamptz not null default now(),
    ended_at timestamptz,
    distance_m integer not null default 0,
    deliveries integer not null default 0,
    tips integer not null default 0
  )`,
  `create unique index driver_shifts_open_idx on driver_shifts (driver_id) where ended_at is null`,
  `create table deliveries (
    id uuid primary key default gen_random_uuid(),
    order_id uuid not null,
    region_code text not null,
    store_id uuid not null references stores(id),
    driver_id uuid references drivers(user_id),
    status text not null check (status in ('waiting', 'offered', 'assigned', 'picked_up', 'delivered', 'cancelled')),
    version integer not null default 1,
    eta_pickup_at timestamptz,
    eta_dropoff_at timestamptz,
    assigned_at timestamptz,
    picked_up_at timestamptz,
    delivered_at timestamptz,
    cash_collected integer,
    explanation jsonb,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (order_id),
    foreign key (order_id, region_code) references orders(id, region_code)
  )`,
  `create index deliveries_driver_idx on deliveries (driver_id, status)`,
  `create index deliveries_store_idx on deliveries (store_id, status)`,
  `create table delivery_offers (
    id uuid primary key default gen_random_uuid(),
    delivery_id uuid not null references deliveries(id),
    driver_id uuid not null references drivers(user_id),
    status text not null check (status in ('pending', 'accepted', 'declined', 'expired', 'cancelled')),
    distance_m integer not null,
    eta_s integer not null,
    pay integer not null default 0,
    offered_at timestamptz not null default now(),
    expires_at timestamptz not null,
    responded_at timestamptz
  )`,
  `create index delivery_offers_delivery_idx on delivery_offers (delivery_id)`,
  `create index delivery_offers_driver_idx on delivery_offers (driver_id, status)`,
  // Actions a driver app queued while offline carry an id the app generated: applied at most once.
  `create table driver_actions (
    client_action_id text primary key,
    driver_id uuid not null references drivers(user_id),
    delivery_id uuid references deliveries(id),
    action text not null,
    result jsonb,
    created_at timestamptz not null default now()
  )`,

  // ── reviews ─────────────────────────────────────────────────────────────────────────────
  `create table reviews (
    id uuid primary key default gen_random_uuid(),
    order_id uuid not null,
    region_code text not null,
    store_id uuid not null references stores(id),
    customer_id uuid not null references users(id),
    target_type text not null check (target_type in ('item', 'driver', 'service', 'overall')),
    target_id text not null,
    rating smallint not null check (rating between 1 and 5),
    body text check (char_length(body) <= 2000),
    helpful_count integer not null default 0,
    hidden_at timestamptz,
    hidden_reason text,
    hidden_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (order_id, target_type, target_id),
    foreign key (order_id, region_code) references orders(id, region_code)
  )`,
  `create index reviews_target_idx on reviews (target_type, target_id, created_at desc)`,
  `create table rating_aggregates (
    target_type text not null,
    target_id text not null,
    rating_count integer not null default 0,
    rating_sum integer not null default 0,
    primary key (target_type, target_id)
  )`,

  // ── outbox and consumer bookkeeping ────────────────────────────────────────────────────
  `create table outbox (
    seq bigserial primary key,
    id uuid not null unique default gen_random_uuid(),
    topic text not null,
    aggregate_id text not null,
    payload jsonb not null,
    created_at timestamptz not null default now(),
    published_at timestamptz
  )`,
  `create index outbox_unpublished_idx on outbox (seq) where published_at is null`,
  `create table processed_events (
    consumer text not null,
    event_id uuid not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    "processed_events",
    "outbox",
    "rating_aggregates",
    "reviews",
    "driver_actions",
    "delivery_offers",
    "deliveries",
    "driver_shifts",
    "drivers",
    "webhook_events",
    "refunds",
    "payment_attempts",
    "payments",
    "promo_redemptions",
    "stock_reservations",
    "order_status_history",
    "order_items",
    "orders",
    "promo_codes",
    "store_stock",
    "prices",
    "translations",
    "menu_options",
    "menu_option_groups",
    "menu_item_variants",
    "toppings",
    "sauces",
    "crust_sizes",
    "crusts",
    "pizza_sizes",
    "menu_items",
    "menu_categories",
    "verification_codes",
    "refresh_tokens",
    "user_addresses",
    "users",
    "store_hour_overrides",
    "store_delivery_cells",
    "stores",
    "regions",
  ];
  for (const table of tables) await sql.raw(`drop table if exists ${table} cascade`).execute(db);
  await sql.raw("drop sequence if exists order_number_seq").execute(db);
}
