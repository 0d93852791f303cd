// The store's drivers: the roster, where they are on a local map, their earnings (with a CSV export),
// manual assignment of deliveries, and the proof of the latest deliveries.
import { errorMessage, useTRPC } from "@pizza/ui";
import { LocalMap, type MapMarker, useBasemap } from "@pizza/ui/map";
import { useQuery } from "@tanstack/react-query";
import { AssignDelivery } from "./assign-delivery.tsx";
import { DriverEarnings } from "./driver-earnings.tsx";
import { DriverRoster, stateLabel } from "./driver-roster.tsx";
import type { LiveOrders } from "./live-orders.ts";
import { RecentDeliveries } from "./recent-deliveries.tsx";

/** Delivery orders a driver can still be given: in the kitchen, ready, or already riding. */
const ASSIGNABLE = ["quality_check", "ready", "baking", "out_for_delivery"];

export default function DriversPanel({ storeId, live }: { storeId: string; live: LiveOrders }) {
  const trpc = useTRPC();
  const roster = useQuery({ ...trpc.delivery.roster.queryOptions({ storeId }), refetchInterval: 5000 });
  const store = useQuery(trpc.store.get.queryOptions({ storeId }));
  const waiting = live.orders.filter((o) => o.channel === "delivery" && ASSIGNABLE.includes(o.status));
  const drivers = roster.data?.drivers ?? [];
  const markers: MapMarker[] = [
    ...(store.data
      ? [{ id: "store", kind: "store" as const, position: store.data, label: store.data.name }]
      : []),
    ...drivers
      .filter((d) => d.position)
      .map((d) => ({
        id: d.driverId,
        kind: "driver" as const,
        position: { lat: d.position!.lat, lng: d.position!.lng },
        label: `${d.name} (${stateLabel(d.state)})`,
      })),
  ];
  const basemap = useBasemap({ markers, locale: navigator.language || "en" });

  return (
    <div className="panel-grid">
      <DriverRoster drivers={drivers} error={roster.error ? errorMessage(roster.error) : ""} />
      <section className="card stack" aria-labelledby="map-title">
        <h2 id="map-title">Where they are</h2>
        <LocalMap label="The store and its drivers" markers={markers} basemap={basemap} height="20rem" />
      </section>
      <DriverEarnings storeId={storeId} drivers={drivers} />
      <AssignDelivery storeId={storeId} waiting={waiting} drivers={drivers} />
      <RecentDeliveries storeId={storeId} />
    </div>
  );
}
