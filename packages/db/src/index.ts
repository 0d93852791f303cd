export { type Kysely, type QueryCreator, sql, type Transaction } from "kysely";
export { type ConnectOptions, connect, type DbHandle, type DbKind } from "./connect.ts";
export { migrateToLatest } from "./migrate.ts";
export { ensureOrderPartition } from "./partitions.ts";
export { type RoutedReads, routeReads } from "./read-routing.ts";
export type * from "./schema.ts";
export { ORDER_STATUSES } from "./schema.ts";
export { regionPrice, seed, ZONE_RESOLUTION } from "./seed.ts";
export { DEMO_PASSWORD, demoPromos } from "./seed-data.ts";
