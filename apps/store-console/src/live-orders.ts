// The store's active orders for the kitchen screens: the list from the API kept live by the store feed.
import type { AppRouter } from "@pizza/api/router";
import { useTRPC } from "@pizza/ui";
import { type StoreOrderState, useStoreFeed } from "@pizza/ui/socket";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { beep } from "./beep.ts";
import { ACTIVE_STATUSES } from "./kitchen-model.ts";

export type StoreOrder = inferRouterOutputs<AppRouter>["order"]["storeOrders"][number];

export interface LiveOrders {
  orders: (StoreOrder & { stageSince: string })[];
  isLoading: boolean;
  error: unknown;
  connected: boolean;
  /** Order ids that arrived as new in the last seconds (highlighted). */
  fresh: ReadonlySet<string>;
  newest: { orderNumber: number; at: number } | null;
  apply(result: { orderId: string; status: StoreOrder["status"]; version: number; at: string }): void;
}

/**
 * The store's active orders: the list from `order.storeOrders` (re-read on every socket (re)connect
 * and when an order the list does not know appears) with statuses kept live by `store:order` events.
 */
export function useLiveOrders(storeId: string): LiveOrders {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { storeId, statuses: ACTIVE_STATUSES, limit: 200 };
  const list = useQuery({
    ...trpc.order.storeOrders.queryOptions(input),
    refetchInterval: 30_000,
    staleTime: 0,
  });
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  const [newest, setNewest] = useState<{ orderNumber: number; at: number } | null>(null);
  const known = useRef<Set<string>>(new Set());

  const refetch = useCallback(
    () => void queryClient.invalidateQueries(trpc.order.storeOrders.pathFilter()),
    [queryClient, trpc],
  );

  const feed = useStoreFeed({
    storeId,
    onResync: refetch,
    onEvent: (event) => {
      if (!known.current.has(event.orderId) || event.topic === "order.placed") refetch();
      if (event.status === "placed") {
        beep();
        setNewest({ orderNumber: event.orderNumber, at: Date.now() });
        setFresh((s) => new Set(s).add(event.orderId));
        setTimeout(
          () =>
            setFresh((s) => {
              const next = new Set(s);
              next.delete(event.orderId);
              return next;
            }),
          15_000,
        );
      }
    },
  });
  const { seed } = feed;

  useEffect(() => {
    if (!list.data) return;
    known.current = new Set(list.data.map((o) => o.id));
    seed(
      list.data.map(
        (o): StoreOrderState => ({
          orderId: o.id,
          orderNumber: o.orderNumber,
          channel: o.channel,
          status: o.status,
          version: o.version,
          at: o.updatedAt,
        }),
      ),
    );
  }, [list.data, seed]);

  const orders = useMemo(() => {
    const rows = list.data ?? [];
    return rows
      .map((o) => {
        const live = feed.orders.get(o.id);
        return live && live.version > o.version
          ? { ...o, status: live.status, version: live.version, stageSince: live.at }
          : { ...o, stageSince: o.updatedAt };
      })
      .filter((o) => ACTIVE_STATUSES.includes(o.status))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }, [list.data, feed.orders]);

  const apply = useCallback(
    (r: { orderId: string; status: StoreOrder["status"]; version: number; at: string }) => {
      const row = list.data?.find((o) => o.id === r.orderId);
      if (!row) return;
      seed([{ orderNumber: row.orderNumber, channel: row.channel, ...r }]);
    },
    [list.data, seed],
  );

  return {
    orders,
    isLoading: list.isLoading,
    error: list.error,
    connected: feed.connection.status === "connected",
    fresh,
    newest,
    apply,
  };
}
