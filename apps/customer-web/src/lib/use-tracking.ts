// Everything the tracking page shows about one order: its status (live from the order feed, else the
// last answer), details, store, delivery and driver, and the map's markers and zone. The order is the
// signed-in customer's own (`orderId`) or the one a tracking link opens (`token`: read-only, no account).
// A finished order (delivered, picked up, cancelled) is not followed live.
import { useTRPC } from "@pizza/ui";
import type { MapMarker } from "@pizza/ui/map";
import { useOrderFeed } from "@pizza/ui/socket";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { isFinished } from "../components/track/live-badge.tsx";
import { useT } from "../i18n/index.tsx";
import { storeMarker, zoneCells } from "./zones.ts";

export function useTracking(ownOrderId: string, token?: string) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const own = !token && ownOrderId !== "";
  const linked = useQuery({
    ...trpc.order.linkedOrder.queryOptions({ token: token ?? "" }),
    enabled: Boolean(token),
    refetchInterval: 20_000,
    retry: false,
  });
  const ownTrack = useQuery({
    ...trpc.order.trackOrder.queryOptions({ orderId: ownOrderId }),
    enabled: own,
    refetchInterval: 20_000,
  });
  const ownOrder = useQuery({ ...trpc.order.getOrder.queryOptions({ orderId: ownOrderId }), enabled: own });
  const orderId = token ? (linked.data?.order.id ?? "") : ownOrderId;
  const track = token
    ? { data: linked.data?.tracking, isError: linked.isError, error: linked.error }
    : { data: ownTrack.data, isError: ownTrack.isError, error: ownTrack.error };
  const order = { data: token ? linked.data?.order : ownOrder.data };
  const feed = useOrderFeed(orderId && !isFinished(track.data?.status) ? orderId : null);
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
    enabled: own && order.data?.channel === "delivery" && status !== null && status !== "cancelled",
    refetchInterval: onTheWay ? 5_000 : 15_000,
  });

  // A status we did not have before: refresh the details (timeline times, ETA).
  useEffect(() => {
    if (liveStatus) {
      void queryClient.invalidateQueries({ queryKey: trpc.order.trackOrder.queryKey({ orderId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.order.getOrder.queryKey({ orderId }) });
      if (token) void queryClient.invalidateQueries({ queryKey: trpc.order.linkedOrder.queryKey({ token }) });
    }
  }, [liveStatus, orderId, token, queryClient, trpc]);

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

  return { feed, track, order, ownOrder: ownOrder.data, delivery, status, cells, markers };
}

export type Tracking = ReturnType<typeof useTracking>;
