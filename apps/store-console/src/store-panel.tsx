// The "Store & stock" tab: open/close and delivery switches, today's hours, stock, prices and (admins) the
// region's loyalty rewards.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { NetworkPrinterPanel } from "./network-printer-panel.tsx";
import { RegionPricePanel } from "./region-price-panel.tsx";
import { RegionPriceRulePanel } from "./region-price-rule-panel.tsx";
import { RewardCataloguePanel } from "./reward-catalogue-panel.tsx";
import { StockPanel } from "./stock-panel.tsx";
import { StorePricePanel } from "./store-price-panel.tsx";
import { StoreStatus } from "./store-status.tsx";
import { TodayHoursForm } from "./today-hours-form.tsx";

/** Open/close, pause delivery, today's hours; menu & stock ("86"); prices for admins. */
export function StorePanel({ storeId, isAdmin }: { storeId: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const store = useQuery(trpc.store.get.queryOptions({ storeId }));
  const menu = useQuery({ ...trpc.menu.getMenu.queryOptions({ storeId }), staleTime: 0 });
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.store.get.queryKey({ storeId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.menu.getMenu.queryKey({ storeId }) });
  };
  const onError = (e: unknown) => setError(errorMessage(e));
  const accepting = useMutation(
    trpc.store.setAcceptingOrders.mutationOptions({ onSuccess: refresh, onError }),
  );
  const paused = useMutation(trpc.store.setDeliveryPaused.mutationOptions({ onSuccess: refresh, onError }));

  const s = store.data;
  return (
    <div className="panel-grid">
      <section className="card stack" aria-labelledby="store-status">
        <h2 id="store-status">Store</h2>
        {error ? (
          <div className="alert alert--error" role="alert">
            {error}
          </div>
        ) : null}
        {s ? (
          <>
            <StoreStatus store={s} />
            <div className="row">
              <button
                type="button"
                className={`button ${s.acceptingOrders ? "button--danger" : "button--primary"}`}
                disabled={accepting.isPending}
                onClick={() => {
                  setError(null);
                  accepting.mutate({ storeId, accepting: !s.acceptingOrders });
                }}
              >
                {s.acceptingOrders ? "Close the store (stop orders)" : "Open the store"}
              </button>
              <button
                type="button"
                className="button"
                disabled={paused.isPending}
                onClick={() => {
                  setError(null);
                  paused.mutate({ storeId, paused: !s.deliveryPaused });
                }}
              >
                {s.deliveryPaused ? "Resume delivery" : "Pause delivery (carryout only)"}
              </button>
            </div>
            <p className="muted small">Closing the store stops new orders at once, whatever the hours say.</p>
            <TodayHoursForm storeId={storeId} store={s} onChanged={refresh} />
          </>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
      {menu.data ? <StockPanel storeId={storeId} menu={menu.data} onChanged={refresh} /> : null}
      {menu.data ? <StorePricePanel storeId={storeId} menu={menu.data} onChanged={refresh} /> : null}
      {isAdmin && menu.data ? <RegionPricePanel menu={menu.data} onChanged={refresh} /> : null}
      {isAdmin && menu.data ? <RewardCataloguePanel menu={menu.data} /> : null}
      {isAdmin && menu.data ? <RegionPriceRulePanel menu={menu.data} onChanged={refresh} /> : null}
      <NetworkPrinterPanel storeId={storeId} />
    </div>
  );
}
