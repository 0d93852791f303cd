// The builder page: a new or edited cart line, or a line of a placed order (`?order=ID`), built with
// the same line builder.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { LineBuilder } from "../components/builder/line-builder.tsx";
import { useT } from "../i18n/index.tsx";
import { appLocale } from "../lib/app-locale.ts";
import { useMenu } from "../lib/use-menu.ts";
import {
  type CartLineInput,
  orderLineAsCart,
  rememberOrderChange,
  useCart,
  useStart,
} from "../order-state.ts";
import { Link, navigate, useLocation } from "../router.tsx";

export function BuilderPage() {
  const { query } = useLocation();
  const orderId = query.get("order");
  return orderId ? <OrderLineBuilder orderId={orderId} /> : <CartLineBuilder />;
}

function CartLineBuilder() {
  const t = useT();
  const start = useStart();
  const cart = useCart();
  const { query } = useLocation();
  const menu = useMenu(start);
  useEffect(() => {
    if (!start) navigate("/start", { replace: true });
  }, [start]);
  if (!start) return null;
  if (menu.isPending)
    return (
      <div className="page" role="status">
        {t("app.loading")}
      </div>
    );
  if (menu.isError) return <div className="page alert alert--error">{errorMessage(menu.error)}</div>;
  const editing = cart.lines.find((l) => l.key === query.get("line"));
  const itemId = editing?.line.itemId ?? query.get("item") ?? "";
  const item = menu.data.items.find((i) => i.id === itemId);
  if (!item)
    return (
      <div className="page stack">
        <p>{t("builder.notOnMenu")}</p>
        <Link to="/menu">{t("builder.backToMenu")}</Link>
      </div>
    );
  return (
    <LineBuilder
      key={`${item.id}-${editing?.key ?? "new"}`}
      menu={menu.data}
      itemId={item.id}
      editing={editing}
    />
  );
}

/**
 * Changing a placed order: one of its lines (`?order=ID&line=N`) or a new one (`?order=ID&item=X`),
 * built with the same builder on the order's store menu, saved with `order.updateOrder` (the server
 * re-prices the whole order and refuses once the kitchen has started).
 */
function OrderLineBuilder({ orderId }: { orderId: string }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { query } = useLocation();
  const order = useQuery({ ...trpc.order.getOrder.queryOptions({ orderId }), retry: false });
  const menu = useQuery({
    ...trpc.menu.getMenu.queryOptions({ storeId: order.data?.storeId, locale: appLocale() }),
    enabled: Boolean(order.data?.storeId),
    staleTime: 30_000,
  });
  const update = useMutation(trpc.order.updateOrder.mutationOptions());
  if (order.isError) return <div className="page alert alert--error">{errorMessage(order.error)}</div>;
  if (menu.isError) return <div className="page alert alert--error">{errorMessage(menu.error)}</div>;
  if (!order.data || !menu.data)
    return (
      <div className="page" role="status">
        {t("app.loading")}
      </div>
    );
  const o = order.data;
  const back = `/track?order=${orderId}`;
  const lineNo = Number(query.get("line"));
  const editing = o.items.find((l) => l.lineNo === lineNo);
  const itemId = editing?.itemId ?? query.get("item") ?? "";
  const item = menu.data.items.find((i) => i.id === itemId);
  if (o.status !== "placed" && o.status !== "pending_payment")
    return (
      <div className="page stack">
        <p className="alert alert--error" role="alert">
          {t("builder.kitchenStarted")}
        </p>
        <Link to={back}>{t("builder.backToOrder")}</Link>
      </div>
    );
  if (!item)
    return (
      <div className="page stack">
        <p>{t("builder.notOnMenu")}</p>
        <Link to={back}>{t("builder.backToOrder")}</Link>
      </div>
    );

  async function save(_name: string, line: CartLineInput): Promise<string | null> {
    const items = editing
      ? o.items.map((l) => (l.lineNo === editing.lineNo ? line : orderLineAsCart(l)))
      : [...o.items.map((l) => orderLineAsCart(l)), line];
    try {
      const change = await update.mutateAsync({ orderId, expectedVersion: o.version, items });
      rememberOrderChange(orderId, o.total, change);
      await queryClient.invalidateQueries();
      navigate(back);
      return null;
    } catch (e) {
      return errorMessage(e);
    }
  }

  return (
    <LineBuilder
      key={`${item.id}-${editing?.lineNo ?? "new"}`}
      menu={menu.data}
      itemId={item.id}
      editing={editing ? { key: String(editing.lineNo), line: orderLineAsCart(editing) } : undefined}
      channel={o.channel}
      order={{ number: o.orderNumber, back, save, saving: update.isPending }}
    />
  );
}
