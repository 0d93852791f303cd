export { EARTH_RADIUS_M, haversineM, type LatLng } from "./geo.ts";
export { formatMoney, toMinor } from "./money.ts";
export { ORDER_STATUSES, type OrderStatus } from "./order-status.ts";
