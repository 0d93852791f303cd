import { errorMessage, useTRPC } from "@pizza/ui";
import { LocalMap, type MapMarker } from "@pizza/ui/map";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type Explanation, explainAssignment } from "./assignment-words.ts";
import { FormNote, useFormNote } from "./form-note.tsx";
import type { LiveOrders } from "./live-orders.ts";

const STATE_LABEL: Record<string, string> = {
  available: "Available",
  offered: "Offered an order",
  assigned: "Assigned an order",
  on_delivery: "On a delivery",
  delivering: "On a delivery",
  break: "On a break",
  on_break: "On a break",
  offline: "Offline",
};

/** The store's drivers (state, position on a local map) and manual assignment of ready delivery orders. */
export default function DriversPanel({ storeId, live }: { storeId: string; live: LiveOrders }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roster = useQuery({ ...trpc.delivery.roster.queryOptions({ storeId }), refetchInterval: 5000 });
  const store = useQuery(trpc.store.get.queryOptions({ storeId }));
  const [orderId, setOrderId] = useState<string>("");
  const [driverId, setDriverId] = useState<string>("");
  const [note, setNote] = useFormNote();
  const waiting = live.orders.filter(
    (o) =>
      o.channel === "delivery" && ["quality_check", "ready", "baking", "out_for_delivery"].includes(o.status),
  );
  const chosen = orderId || waiting[0]?.id || "";
  const status = useQuery({
    ...trpc.delivery.getDeliveryStatus.queryOptions({ orderId: chosen }),
    enabled: chosen !== "",
    refetchInterval: 5000,
  });
  const assign = useMutation(
    trpc.delivery.assignDelivery.mutationOptions({
      onSuccess: (r) => {
        const offeredTo = (r.explanation as Explanation | null)?.chosen?.driverId;
        const offeredName = drivers.find((d) => d.driverId === offeredTo)?.name;
        setNote({
          ok: true,
          text: r.driver
            ? `Assigned to ${r.driver.name}.`
            : offeredName
              ? `Offered to ${offeredName}; waiting for them to accept.`
              : "Assignment requested.",
        });
        void queryClient.invalidateQueries({ queryKey: trpc.delivery.roster.queryKey({ storeId }) });
        void queryClient.invalidateQueries({
          queryKey: trpc.delivery.getDeliveryStatus.queryKey({ orderId: chosen }),
        });
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
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
        label: `${d.name} (${STATE_LABEL[d.state] ?? d.state})`,
      })),
  ];
  const explanation = status.data?.explanation as Explanation | null | undefined;
  const words = explanation
    ? explainAssignment(explanation, new Map(drivers.map((d) => [d.driverId, d.name])))
    : null;

  return (
    <div className="panel-grid">
      <section className="card stack" aria-labelledby="roster-title">
        <h2 id="roster-title">Drivers</h2>
        {roster.error ? (
          <div className="alert alert--error" role="alert">
            {errorMessage(roster.error)}
          </div>
        ) : null}
        <table className="table" data-testid="roster">
          <thead>
            <tr>
              <th scope="col">Driver</th>
              <th scope="col">State</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {drivers.map((d) => (
              <tr key={d.driverId}>
                <td>
                  {d.name} <span className="muted small">{d.vehicle}</span>
                </td>
                <td>
                  <span className={`badge badge--${d.state}`}>{STATE_LABEL[d.state] ?? d.state}</span>
                  {d.position && !d.fresh ? <span className="muted small"> (position old)</span> : null}
                </td>
                <td className="small">
                  {d.currentDelivery
                    ? `Order ${d.currentDelivery.orderNumber} (${d.currentDelivery.status.replace(/_/g, " ")})`
                    : d.offer
                      ? "Deciding on an offer"
                      : "—"}
                </td>
              </tr>
            ))}
            {drivers.length === 0 ? (
              <tr>
                <td colSpan={3} className="muted">
                  No drivers on the roster.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
      <section className="card stack" aria-labelledby="map-title">
        <h2 id="map-title">Where they are</h2>
        <LocalMap label="The store and its drivers" markers={markers} height="20rem" />
      </section>
      <section className="card stack" aria-labelledby="assign-title">
        <h2 id="assign-title">Assign a delivery</h2>
        {waiting.length === 0 ? (
          <p className="muted">No delivery orders in the kitchen or waiting for a driver.</p>
        ) : (
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              setNote(null);
              assign.mutate({ orderId: chosen, ...(driverId ? { driverId } : {}) });
            }}
          >
            <label className="field">
              <span className="field__label">Order</span>
              <select className="input" value={chosen} onChange={(e) => setOrderId(e.target.value)}>
                {waiting.map((o) => (
                  <option key={o.id} value={o.id}>
                    #{o.orderNumber} — {o.status.replace(/_/g, " ")}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">Driver</span>
              <select className="input" value={driverId} onChange={(e) => setDriverId(e.target.value)}>
                <option value="">Best available (dispatch decides)</option>
                {drivers
                  .filter((d) => d.state !== "offline")
                  .map((d) => (
                    <option key={d.driverId} value={d.driverId}>
                      {d.name} — {STATE_LABEL[d.state] ?? d.state}
                    </option>
                  ))}
              </select>
            </label>
            <button type="submit" className="button button--primary" disabled={assign.isPending}>
              Assign / reassign
            </button>
            <FormNote note={note} />
            {status.data ? (
              <div className="stack stack--tight" data-testid="delivery-status">
                <p>
                  Delivery: <strong>{String(status.data.stage).replace(/_/g, " ")}</strong>
                  {status.data.driver ? ` · driver ${status.data.driver.name}` : ""}
                </p>
                {words ? (
                  <details open data-testid="assignment-explanation">
                    <summary>Why this driver?</summary>
                    <p>{words.headline}</p>
                    {words.candidates.length > 0 ? (
                      <>
                        <p className="small">Drivers considered:</p>
                        <ul className="small">
                          {words.candidates.map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                    {words.notes.map((n) => (
                      <p key={n} className="small">
                        {n}
                      </p>
                    ))}
                  </details>
                ) : null}
              </div>
            ) : null}
          </form>
        )}
      </section>
    </div>
  );
}
