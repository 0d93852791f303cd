// Everything the tracking page shows about one order: its status (live from the order feed, else the
// last answer), details, store, delivery and driver, and the map's markers and zone.
import { useTRPC } from "@pizza/ui";
import type { MapMarker } from "@pizza/ui/map";
import { useOrderFeed } from "@pizza/ui/socket";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useT } from "../i18n/index.tsx";
import { storeMarker, zoneCells } from "./zones.ts";

export function useTracking(orderId: string) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feed = useOrderFeed(orderId || null);
  const track = useQuery({
    ...trpc.order.trackOrder.queryOptions({ orderId }),
    enabled: orderId !== "",
    refetchInterval: 20_000,
  });
  const order = useQuery({ ...trpc.order.getOrder.queryOptions({ orderId }), enabled: orderId !== "" });
  const store = useQuery({
    ...trpc.store.get.queryOptions({ storeId: order.data?.storeId ?? "" }),
    enabled: Boolean(order.data?.storeId),
  });

  // The live feed is the truth once it has a snapshot; the query covers the first paint and a socket outage.
  const liveStatus = feed.ready ? feed.order.status : null;
  const status = liveStatus ?? track.data?.status ?? null;
  const onTheWay = status === "out_for_delivery";
  const delivery = useQuery({
    ...trpc.delivery.getDeliveryStatus.queryOptions({ orderId }),
    enabled:
      orderId !== "" && order.data?.channel === "delivery" && status !== null && status !== "cancelled",
    refetchInterval: onTheWay ? 5_000 : 15_000,
  });

  // A status we did not have before: refresh the details (timeline times, ETA).
  useEffect(() => {
    if (liveStatus) {
      void queryClient.invalidateQueries({ queryKey: trpc.order.trackOrder.queryKey({ orderId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.order.getOrder.queryKey({ orderId }) });
    }
  }, [liveStatus, orderId, queryClient, trpc]);

  const [cells, setCells] = useState<string[]>([]);
  useEffect(() => {
    if (store.data) void zoneCells([store.data]).then(setCells);
  }, [store.data]);

  const driverPos =
    feed.order.driverPosition ??
    (delivery.data?.driver?.position
      ? { lat: delivery.data.driver.position.lat, lng: delivery.data.driver.position.lng }
      : null);

  const markers: MapMarker[] = useMemo(() => {
    const list: MapMarker[] = [];
    if (store.data) list.push(storeMarker(store.data));
    if (order.data?.lat != null && order.data.lng != null)
      list.push({
        id: "home",
        kind: "destination",
        label: t("track.yourAddress"),
        position: { lat: order.data.lat, lng: order.data.lng },
      });
    if (
      driverPos &&
      (status === "out_for_delivery" ||
        delivery.data?.stage === "assigned" ||
        delivery.data?.stage === "picked_up")
    )
      list.push({
        id: "driver",
        kind: "driver",
        label: delivery.data?.driver?.name ?? t("track.yourDriver"),
        position: { lat: driverPos.lat, lng: driverPos.lng },
      });
    return list;
  }, [store.data, order.data, driverPos, status, delivery.data, t]);

  return { feed, track, order, delivery, status, cells, markers };
}

export type Tracking = ReturnType<typeof useTracking>;
