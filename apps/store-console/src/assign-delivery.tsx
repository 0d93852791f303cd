// Manual assignment of a delivery order in the kitchen or waiting for a driver: to a chosen driver or
// to the best one dispatch finds, with the delivery's stage and why that driver was chosen.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type Explanation, explainAssignment } from "./assignment-words.ts";
import { stateLabel } from "./driver-roster.tsx";
import { FormNote, useFormNote } from "./form-note.tsx";
import { HandoverLock } from "./handover-lock.tsx";
import type { StoreOrder } from "./live-orders.ts";
import { ProofOfDelivery } from "./proof-of-delivery.tsx";
import type { DeliveryStatus, RosterDriver } from "./store-api-types.ts";

export function AssignDelivery({
  storeId,
  waiting,
  drivers,
}: {
  storeId: string;
  waiting: StoreOrder[];
  drivers: RosterDriver[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [orderId, setOrderId] = useState<string>("");
  const [driverId, setDriverId] = useState<string>("");
  const [note, setNote] = useFormNote();
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

  return (
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
                    {d.name} — {stateLabel(d.state)}
                  </option>
                ))}
            </select>
          </label>
          <button type="submit" className="button button--primary" disabled={assign.isPending}>
            Assign / reassign
          </button>
          <FormNote note={note} />
          {status.data ? <DeliveryStage status={status.data} drivers={drivers} /> : null}
        </form>
      )}
    </section>
  );
}

/** The delivery's stage and driver, and dispatch's reasons for the driver in words. */
function DeliveryStage({ status, drivers }: { status: DeliveryStatus; drivers: RosterDriver[] }) {
  const explanation = status.explanation as Explanation | null | undefined;
  const words = explanation
    ? explainAssignment(explanation, new Map(drivers.map((d) => [d.driverId, d.name])))
    : null;
  return (
    <div className="stack stack--tight" data-testid="delivery-status">
      <p>
        Delivery: <strong>{String(status.stage).replace(/_/g, " ")}</strong>
        {status.driver ? ` · driver ${status.driver.name}` : ""}
      </p>
      {status.handover ? <HandoverLock orderId={status.orderId} handover={status.handover} /> : null}
      {status.proof ? <ProofOfDelivery proof={status.proof} /> : null}
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
  );
}
