// Goodwill points for the store's manager (issue 21): find one of the store's orders by its number, see
// its customer's points and the goodwill the order has had, and grant points with a reason the customer
// reads in their history. Crew do not see this card (and the API refuses them).
import { errorMessage, fieldErrors, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { money } from "./money.ts";
import type { GoodwillOrder } from "./store-api-types.ts";
import { TextField } from "./text-field.tsx";

/** One grant's idempotency key (a double click grants once); a plain http page has no randomUUID. */
const newKey = () =>
  typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

export function GoodwillPanel({ storeId }: { storeId: string }) {
  const trpc = useTRPC();
  const access = useQuery(trpc.loyalty.goodwillAccess.queryOptions({ storeId }));
  return access.data?.canGrant ? <GoodwillCard storeId={storeId} /> : null;
}

function GoodwillCard({ storeId }: { storeId: string }) {
  const trpc = useTRPC();
  const [numberText, setNumberText] = useState("");
  const [numberError, setNumberError] = useState<string | null>(null);
  const [orderNumber, setOrderNumber] = useState<number | null>(null);
  const found = useQuery({
    ...trpc.loyalty.goodwillOrder.queryOptions({ storeId, orderNumber: orderNumber ?? 1 }),
    enabled: orderNumber !== null,
    retry: false,
  });
  return (
    <section className="card stack" aria-labelledby="goodwill-title" data-testid="goodwill">
      <h2 id="goodwill-title">Goodwill points</h2>
      <p className="muted small">
        Say sorry with loyalty points: find the order, then grant points with a reason the customer sees.
        Managers only.
      </p>
      <form
        className="row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(numberText.trim().replace(/^#/, ""));
          if (!Number.isInteger(n) || n < 1) {
            setNumberError("Enter the order number, e.g. 1042.");
            return;
          }
          setNumberError(null);
          setOrderNumber(n);
        }}
      >
        <TextField
          id="goodwill-number"
          label="Order number"
          inputMode="numeric"
          value={numberText}
          onValue={setNumberText}
          error={numberError}
        />
        <button type="submit" className="button">
          Find order
        </button>
      </form>
      {found.error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(found.error)}
        </div>
      ) : null}
      {found.data ? <GrantForm storeId={storeId} order={found.data} /> : null}
    </section>
  );
}

function GrantForm({ storeId, order }: { storeId: string; order: GoodwillOrder }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const [key, setKey] = useState(newKey);
  const [note, setNote] = useFormNote();
  const [pointsError, setPointsError] = useState<string | null>(null);
  const grant = useMutation(
    trpc.loyalty.grantGoodwill.mutationOptions({
      onSuccess: (r) => {
        setNote({ ok: true, text: `Granted ${r.points} points to ${order.customerName}.` });
        setPoints("");
        setReason("");
        setKey(newKey());
        void queryClient.invalidateQueries(trpc.loyalty.goodwillOrder.pathFilter());
      },
      onError: (e) =>
        setNote({
          ok: false,
          text: Object.keys(fieldErrors(e)).length > 0 ? "Check the highlighted fields." : errorMessage(e),
        }),
    }),
  );
  const errors: Record<string, string | undefined> = {
    ...fieldErrors(grant.error),
    ...(pointsError ? { points: pointsError } : {}),
  };
  return (
    <div className="stack stack--tight" data-testid="goodwill-order">
      <p>
        <strong>Order #{order.orderNumber}</strong> · {order.customerName} · {order.status.replace(/_/g, " ")}{" "}
        · {money(order.total, order.currency)}
      </p>
      <p data-testid="goodwill-balance">
        {order.customerName} has {order.points} {order.points === 1 ? "point" : "points"}.
      </p>
      {order.goodwill.length > 0 ? (
        <ul aria-label="Goodwill for this order">
          {order.goodwill.map((g) => (
            <li key={g.createdAt}>
              {g.points} points · {g.reason} · {new Date(g.createdAt).toLocaleString()}
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="stack stack--tight goodwill-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setNote(null);
          const n = Number(points.trim());
          if (!points.trim() || !Number.isInteger(n)) {
            setPointsError("Enter the points as a whole number, e.g. 20.");
            return;
          }
          setPointsError(null);
          grant.mutate({ storeId, orderId: order.orderId, points: n, reason, idempotencyKey: key });
        }}
      >
        <TextField
          id="goodwill-points"
          label="Points to grant"
          inputMode="numeric"
          value={points}
          onValue={setPoints}
          error={errors.points}
        />
        <TextField
          id="goodwill-reason"
          label="Reason (the customer sees it)"
          maxLength={200}
          value={reason}
          onValue={setReason}
          error={errors.reason}
        />
        <button type="submit" className="button button--primary" disabled={grant.isPending}>
          Grant points
        </button>
        <FormNote note={note} />
      </form>
    </div>
  );
}
