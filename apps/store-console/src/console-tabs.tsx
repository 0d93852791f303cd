// The console's sections and the tab bar that switches between them. One list for everyone: a store's
// staff and admins get the store tabs (admins also Menu), a region manager only the tabs marked `region`
// (their region's price rule and reports); the rest would only fail for them (they are no store's staff).

export const TABS = [
  { id: "kitchen", title: "Kitchen" },
  { id: "oven", title: "Oven" },
  { id: "store", title: "Store & stock" },
  { id: "drivers", title: "Drivers" },
  { id: "today", title: "Today" },
  { id: "help", title: "Help requests" },
  { id: "prices", title: "Price rule", region: true, regionOnly: true },
  { id: "reports", title: "Reports", region: true },
  { id: "menu", title: "Menu", adminOnly: true },
] as const;
export type Tab = (typeof TABS)[number]["id"];
type TabInfo = (typeof TABS)[number];

/** The tabs a caller is offered: `who` is the console they use, `reports` whether they may open reports. */
export function tabsFor(who: "admin" | "staff" | "region", reports: boolean): TabInfo[] {
  return TABS.filter((t) => {
    if (t.id === "reports" && !reports) return false;
    if (who === "region") return "region" in t;
    if ("regionOnly" in t) return false;
    return !("adminOnly" in t) || who === "admin";
  });
}

export function ConsoleTabs(props: {
  tabs: readonly TabInfo[];
  current: Tab;
  onChoose(tab: Tab): void;
  /** What a tab's title carries after it, e.g. the kitchen's " (3)". */
  suffix?(tab: Tab): string;
  /** Whether `reports.access` has answered: e2e tests wait on it before counting tabs. */
  reportsState: string;
}) {
  return (
    <nav className="tabs" aria-label="Console sections" data-own-keys data-reports={props.reportsState}>
      {props.tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          className={`tab ${props.current === t.id ? "tab--active" : ""}`}
          aria-current={props.current === t.id ? "page" : undefined}
          onClick={() => props.onChoose(t.id)}
        >
          {t.title}
          {props.suffix?.(t.id) ?? ""}
        </button>
      ))}
    </nav>
  );
}
