// Changing or cancelling an order before the kitchen starts: quantities, a line rebuilt in the builder,
// an item added, or the whole order cancelled; says what a saved change did to the total and the payment.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useT } from "../../i18n/index.tsx";
import { appLocale } from "../../lib/app-locale.ts";
import { orderMoney } from "../../money.ts";
import {
  type MenuData,
  type OrderLine,
  type OrderView,
  orderLineAsCart,
  takeOrderChange,
} from "../../order-state.ts";
import { Link, navigate } from "../../router.tsx";
import { ChangeRules } from "./change-rules.tsx";

export function ChangeOrder({ order }: { order: OrderView }) {
  const t = useT();
  const { id: orderId, items } = order;
  const c = useOrderChange(order);
  const { confirming, setConfirming, editing, setEditing, error, saved, menu, cancel, update } = c;
  const money = (n: number) => orderMoney(n, order.currency);

  return (
    <section className="card stack stack--tight" aria-labelledby="change-h">
      <h2 id="change-h">{t("change.title")}</h2>
      <ChangeRules order={order} />
      {saved ? (
        <div className="promo-ok stack stack--tight" role="status" data-testid="order-changed">
          <p>{t("change.updated", { total: money(saved.change.total), was: money(saved.previousTotal) })}</p>
          {saved.change.payment.refunded > 0 ? (
            <p>{t("change.refunded", { amount: money(saved.change.payment.refunded) })}</p>
          ) : null}
          {saved.change.promoNote ? <p>{saved.change.promoNote}</p> : null}
          {saved.change.rewardNote ? <p>{saved.change.rewardNote}</p> : null}
        </div>
      ) : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      {editing ? (
        <div className="stack stack--tight">
          <EditLines orderId={orderId} items={items} qty={c.qty} setQuantities={c.setQuantities} />
          {menu.data ? <AddItem orderId={orderId} items={menu.data.items} /> : null}
          <div className="row">
            <button
              type="button"
              className="button button--primary"
              onClick={c.save}
              disabled={update.isPending}
            >
              {update.isPending ? t("builder.saving") : t("change.save")}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              {t("change.neverMind")}
            </button>
          </div>
        </div>
      ) : confirming ? (
        <div className="row">
          <button
            type="button"
            className="button button--danger"
            onClick={c.doCancel}
            disabled={cancel.isPending}
          >
            {cancel.isPending ? t("change.cancelling") : t("change.confirmCancel")}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t("change.keep")}
          </button>
        </div>
      ) : (
        <div className="row">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {t("change.change")}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            {t("change.cancel")}
          </button>
        </div>
      )}
    </section>
  );
}

/** The change being made: its state, the line quantities, and saving or cancelling through the API. */
function useOrderChange(order: OrderView) {
  const { id: orderId, version, items } = order;
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(trpc.order.cancelOrder.mutationOptions());
  const update = useMutation(trpc.order.updateOrder.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [error, setError] = useState("");
  // A change saved here, or by the builder just before it came back here.
  const [saved, setSaved] = useState(() => takeOrderChange(orderId));
  const menu = useQuery({
    ...trpc.menu.getMenu.queryOptions({ storeId: order.storeId, locale: appLocale() }),
    enabled: editing,
    staleTime: 30_000,
  });
  const qty = (l: OrderLine) => quantities[l.lineNo] ?? l.quantity;

  async function doCancel() {
    setError("");
    try {
      await cancel.mutateAsync({ orderId, expectedVersion: version, reason: "Cancelled by the customer" });
      await queryClient.invalidateQueries();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function save() {
    setError("");
    setSaved(null);
    const lines = items.filter((l) => qty(l) > 0).map((l) => orderLineAsCart(l, qty(l)));
    if (lines.length === 0) return setError(t("change.needsItem"));
    try {
      const change = await update.mutateAsync({ orderId, expectedVersion: version, items: lines });
      setEditing(false);
      setQuantities({});
      setSaved({ orderId, previousTotal: order.total, change });
      await queryClient.invalidateQueries();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return {
    confirming,
    setConfirming,
    editing,
    setEditing,
    setQuantities,
    error,
    saved,
    menu,
    qty,
    cancel,
    update,
    doCancel,
    save,
  };
}

/** The order's lines with their quantities (0 removes a line) and a link to rebuild each in the builder. */
function EditLines({
  orderId,
  items,
  qty,
  setQuantities,
}: {
  orderId: string;
  items: OrderLine[];
  qty(l: OrderLine): number;
  setQuantities(update: (q: Record<number, number>) => Record<number, number>): void;
}) {
  const t = useT();
  return (
    <ul className="stack stack--tight">
      {items.map((l) => (
        <li key={l.lineNo} className="row row--between" data-testid="change-line">
          <span>
            {l.name}{" "}
            <Link
              to={`/build?order=${orderId}&line=${l.lineNo}`}
              className="small"
              aria-label={t("change.changeItem", { item: l.name })}
            >
              {t("menu.change")}
            </Link>
          </span>
          <span className="qty">
            <button
              type="button"
              className="button button--small"
              aria-label={t("cart.oneFewer", { item: l.name })}
              onClick={() => setQuantities((q) => ({ ...q, [l.lineNo]: Math.max(0, qty(l) - 1) }))}
            >
              −
            </button>
            <output aria-label={t("cart.quantityOf", { item: l.name })}>{qty(l)}</output>
            <button
              type="button"
              className="button button--small"
              aria-label={t("cart.oneMore", { item: l.name })}
              onClick={() => setQuantities((q) => ({ ...q, [l.lineNo]: Math.min(20, qty(l) + 1) }))}
            >
              +
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A menu item to add to the order, built with its options in the builder. */
function AddItem({ orderId, items }: { orderId: string; items: MenuData["items"] }) {
  const t = useT();
  const [adding, setAdding] = useState("");
  return (
    <div className="row">
      <label className="field__label" htmlFor="add-item">
        {t("change.addItem")}
      </label>
      <select
        id="add-item"
        className="input input--small"
        value={adding}
        onChange={(e) => setAdding(e.target.value)}
      >
        <option value="">{t("change.choose")}</option>
        {items
          .filter((i) => i.available)
          .map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
      </select>
      <button
        type="button"
        className="button button--small"
        disabled={!adding}
        onClick={() => navigate(`/build?order=${orderId}&item=${encodeURIComponent(adding)}`)}
      >
        {t("change.chooseOptions")}
      </button>
    </div>
  );
}
