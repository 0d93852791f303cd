import { ORDER_STATUSES } from "@pizza/contracts";
import { errorMessage, useSession, useTRPC } from "@pizza/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { OrderHelp } from "../components/help/order-help.tsx";
import { type MessageKey, useT } from "../i18n/index.tsx";
import { appLocale } from "../lib/app-locale.ts";
import { orderMoney } from "../money.ts";
import { addLine, cartStore, startStore, useStart } from "../order-state.ts";
import { Link, navigate } from "../router.tsx";

/** Statuses the app has words for (any other is shown as it comes). */
const STATUSES: readonly string[] = ORDER_STATUSES;

export function OrdersPage() {
  const t = useT();
  const trpc = useTRPC();
  const { user } = useSession();
  const start = useStart();
  useEffect(() => {
    if (!user) navigate("/signin?next=/orders", { replace: true });
  }, [user]);
  const history = useQuery({ ...trpc.order.history.queryOptions({ limit: 20 }), enabled: user !== null });
  const reorder = useMutation(trpc.order.reorder.mutationOptions());
  const [notes, setNotes] = useState<string[]>([]);
  const [error, setError] = useState("");

  async function again(order: {
    id: string;
    storeId: string;
    storeName: string;
    channel: "delivery" | "carryout";
  }) {
    setError("");
    try {
      const sameStore = start?.storeId === order.storeId;
      const r = await reorder.mutateAsync({
        orderId: order.id,
        locale: appLocale(),
      });
      if (!sameStore) {
        // The past order's store: carryout unless we still know where to deliver.
        startStore.set({
          channel: "carryout",
          storeId: order.storeId,
          storeName: order.storeName,
          regionCode: start?.regionCode ?? "us",
        });
      }
      cartStore.set({ lines: [], tip: 0 });
      for (const [i, line] of r.items.entries()) addLine(r.lines[i]?.name ?? line.itemId, line);
      setNotes(r.dropped.map((d) => `${d.name}: ${d.reason}`));
      if (r.dropped.length === 0) navigate("/cart");
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  if (!user) return null;
  return (
    <div className="page stack orders">
      <h1>{t("title.orders")}</h1>
      {error ? <div className="alert alert--error">{error}</div> : null}
      {notes.length > 0 ? (
        <div className="alert alert--info stack stack--tight" role="status">
          <span>{t("orders.someDropped")}</span>
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <Link to="/cart">{t("orders.goToCart")}</Link>
        </div>
      ) : null}
      {history.isPending ? <p role="status">{t("app.loading")}</p> : null}
      {history.isError ? <div className="alert alert--error">{errorMessage(history.error)}</div> : null}
      {history.data?.orders.length === 0 ? (
        <p>
          {t("orders.none")} <Link to="/start">{t("orders.first")}</Link>
        </p>
      ) : null}
      <ul className="stack">
        {history.data?.orders.map((o) => (
          <li key={o.id} className="card stack stack--tight" data-testid="history-order">
            <div className="row row--between">
              <strong>
                #{o.orderNumber} · {o.storeName}
              </strong>
              <span className="badge">
                {STATUSES.includes(o.status) ? t(`status.${o.status}` as MessageKey) : o.status}
              </span>
            </div>
            <span className="small muted">
              {new Date(o.createdAt).toLocaleString(appLocale())} ·{" "}
              {o.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")}
            </span>
            <div className="row row--between">
              <strong>{orderMoney(o.total, o.currency)}</strong>
              <div className="row">
                <Link to={`/track?order=${o.id}`} className="button button--small button--ghost">
                  {t("orders.details")}
                </Link>
                <button
                  type="button"
                  className="button button--small button--primary"
                  onClick={() => again(o)}
                  disabled={reorder.isPending}
                >
                  {t("orders.reorder")}
                </button>
              </div>
            </div>
            <OrderHelp orderId={o.id} status={o.status} />
          </li>
        ))}
      </ul>
    </div>
  );
}
