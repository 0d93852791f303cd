/** Every status an order can have, in the order of its life: the one list (database, state machine, schemas, events, apps). */
export const ORDER_STATUSES = [
  "pending_payment",
  "placed",
  "preparing",
  "baking",
  "quality_check",
  "ready",
  "out_for_delivery",
  "delivered",
  "picked_up",
  "cancelled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
