import { type SessionUser, SignedInShell, useTRPC } from "@pizza/ui";
import { SocketProvider } from "@pizza/ui/socket";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { ConnectionBadge } from "./connection-badge.tsx";
import { ConsoleTabs, type Tab, tabsFor } from "./console-tabs.tsx";
import { useHelpRequests } from "./help-panel.tsx";
import { Kitchen } from "./kitchen.tsx";
import { useLiveOrders } from "./live-orders.ts";
import { StaffNotificationChoices } from "./notification-choices.tsx";
import { OvenView } from "./oven-view.tsx";
import { RegionConsole } from "./region-console.tsx";
import { SoundPrompt } from "./sound-prompt.tsx";
import { StorePanel } from "./store-panel.tsx";
import "./console.css";

// The map (MapLibre, H3) and the admin screens are loaded when opened: the kitchen display stays small.
const DriversPanel = lazy(() => import("./drivers-panel.tsx"));
const TodayPanel = lazy(() => import("./today-panel.tsx"));
const HelpPanel = lazy(() => import("./help-panel.tsx"));
// Reports carry Chart.js: their own chunk, loaded when the tab opens.
const ReportsPanel = lazy(() => import("./reports-panel.tsx"));
const MenuAdminPanel = lazy(() => import("./menu-admin-panel.tsx"));

/**
 * The store console: kitchen display and the store's control room, for staff (their store) and admins;
 * a region manager gets their region's price rule and reports (`region-console.tsx`).
 */
export function App() {
  return (
    <SignedInShell
      appName="Store console"
      allowRoles={["staff", "admin"]}
      wrongRoleMessage="The store console is for store staff. Sign in with your staff account."
      intro="For kitchen and store staff. Use the account your store manager gave you."
      headerExtra={null}
      identityProviders="store"
    >
      {(user) => (
        <SocketProvider>
          <StoreChooser user={user} />
        </SocketProvider>
      )}
    </SignedInShell>
  );
}

function StoreChooser({ user }: { user: SessionUser }) {
  const trpc = useTRPC();
  const stores = useQuery({ ...trpc.store.list.queryOptions({}), enabled: user.role === "admin" });
  // A staff account without a store may be a region manager: `reports.access` names their region.
  const access = useQuery({
    ...trpc.reports.access.queryOptions(),
    enabled: user.role === "staff" && !user.storeId,
  });
  const [chosen, setChosen] = useState<string | null>(null);
  if (user.role === "staff") {
    if (!user.storeId && access.data?.regionCode)
      return <RegionConsole access={{ ...access.data, regionCode: access.data.regionCode }} />;
    if (!user.storeId && access.isPending) return <p className="muted">Loading…</p>;
    if (!user.storeId)
      return (
        <div className="alert alert--error" role="alert">
          Your account is not linked to a store. Ask your manager.
        </div>
      );
    return <StoreConsole storeId={user.storeId} user={user} />;
  }
  const storeId = chosen ?? stores.data?.[0]?.id ?? null;
  return (
    <>
      <label className="field store-chooser" data-own-keys>
        <span className="field__label">Store (admin)</span>
        <select className="input" value={storeId ?? ""} onChange={(e) => setChosen(e.target.value)}>
          {(stores.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.regionCode.toUpperCase()})
            </option>
          ))}
        </select>
      </label>
      {storeId ? <StoreConsole key={storeId} storeId={storeId} user={user} /> : null}
    </>
  );
}

function StoreConsole({ storeId, user }: { storeId: string; user: SessionUser }) {
  const trpc = useTRPC();
  const store = useQuery(trpc.store.get.queryOptions({ storeId }));
  const [tab, setTab] = useState<Tab>("kitchen");
  const live = useLiveOrders(storeId);
  const help = useHelpRequests(storeId);
  const reports = useQuery(trpc.reports.access.queryOptions());
  return (
    <div className="console">
      <div className="console__top">
        <h1 className="console__title">{store.data?.name ?? "Store"}</h1>
        <ConnectionBadge />
        <ConsoleTabs
          tabs={tabsFor(user.role === "admin" ? "admin" : "staff", reports.data?.canView ?? false)}
          current={tab}
          onChoose={setTab}
          suffix={(t) =>
            t === "kitchen"
              ? ` (${live.orders.length})`
              : t === "help" && help.data
                ? ` (${help.data.length})`
                : ""
          }
          reportsState={reports.data ? String(reports.data.canView) : "asking"}
        />
      </div>
      <SoundPrompt />
      {tab === "kitchen" ? <Kitchen storeId={storeId} live={live} /> : null}
      {tab === "oven" ? <OvenView storeId={storeId} live={live} /> : null}
      {tab === "store" ? <StorePanel storeId={storeId} isAdmin={user.role === "admin"} /> : null}
      {tab === "store" ? <StaffNotificationChoices /> : null}
      <Suspense fallback={<p className="muted">Loading…</p>}>
        {tab === "drivers" ? <DriversPanel storeId={storeId} live={live} /> : null}
        {tab === "today" ? <TodayPanel storeId={storeId} isAdmin={user.role === "admin"} /> : null}
        {tab === "help" ? <HelpPanel storeId={storeId} /> : null}
        {tab === "reports" && store.data ? (
          <ReportsPanel store={store.data} access={reports.data ?? { chain: false, regionCode: null }} />
        ) : null}
        {tab === "menu" && user.role === "admin" ? <MenuAdminPanel storeId={storeId} /> : null}
      </Suspense>
    </div>
  );
}
