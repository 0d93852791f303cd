// A region manager's console (issue 22): no store of their own, so no kitchen, stock or drivers; a picker
// of their region's stores (like head office's "Store (admin)") and the tabs `tabsFor("region")` gives:
// the region's price rule with every store's deviations, and the reports of a store or the region.
import { useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { ConnectionBadge } from "./connection-badge.tsx";
import { ConsoleTabs, type Tab, tabsFor } from "./console-tabs.tsx";
import { RegionPriceRulePanel } from "./region-price-rule-panel.tsx";

const ReportsPanel = lazy(() => import("./reports-panel.tsx"));

export function RegionConsole({
  access,
}: {
  access: { canView: boolean; chain: boolean; regionCode: string };
}) {
  const trpc = useTRPC();
  const regionCode = access.regionCode;
  const stores = useQuery(trpc.store.list.queryOptions({ regionCode }));
  const [chosen, setChosen] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("prices");
  const storeId = chosen ?? stores.data?.[0]?.id ?? null;
  const store = stores.data?.find((s) => s.id === storeId);
  // The menu of a store of the region: the price rule panel names items and variants from it.
  const menu = useQuery({
    ...trpc.menu.getMenu.queryOptions({ storeId: storeId ?? undefined }),
    enabled: storeId !== null,
  });
  return (
    <>
      <label className="field store-chooser" data-own-keys>
        <span className="field__label">Store (region {regionCode.toUpperCase()})</span>
        <select className="input" value={storeId ?? ""} onChange={(e) => setChosen(e.target.value)}>
          {(stores.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <div className="console">
        <div className="console__top">
          <h1 className="console__title">Region {regionCode.toUpperCase()}</h1>
          <ConnectionBadge />
          <ConsoleTabs
            tabs={tabsFor("region", access.canView)}
            current={tab}
            onChoose={setTab}
            reportsState={String(access.canView)}
          />
        </div>
        {tab === "prices" && menu.data ? (
          <RegionPriceRulePanel menu={menu.data} onChanged={() => {}} mayResetStores={false} />
        ) : null}
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {tab === "reports" && store ? <ReportsPanel key={store.id} store={store} access={access} /> : null}
        </Suspense>
      </div>
    </>
  );
}
