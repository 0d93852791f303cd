// The kitchen display: the store's active orders in columns by stage, driven by touch or a bump bar.
import { useMemo } from "react";
import { BoardScroller } from "./board-scroller.tsx";
import { CounterCode } from "./counter-code.tsx";
import { COLUMNS } from "./kitchen-model.ts";
import type { LiveOrders } from "./live-orders.ts";
import { useMenuNames } from "./menu-names.ts";
import { PrintSettingsBar, usePrintSettings } from "./print-settings.tsx";
import { PrintTicket } from "./print-ticket.tsx";
import { useSoundOn } from "./sound-prompt.tsx";
import { Ticket } from "./ticket.tsx";
import { useTicketPrinter } from "./ticket-printer.ts";
import { type BumpActions, useBumpActions } from "./use-bump-actions.ts";
import { useBumpBar } from "./use-bump-bar.ts";
import { useNow } from "./use-now.ts";

export { type LiveOrders, type StoreOrder, useLiveOrders } from "./live-orders.ts";
export { OvenView } from "./oven-view.tsx";

export function Kitchen({ storeId, live }: { storeId: string; live: LiveOrders }) {
  const names = useMenuNames(storeId);
  const now = useNow();
  const soundOn = useSoundOn();
  const actions = useBumpActions(live);
  const { selected, setSelected, message } = actions;
  const [printSettings, changePrintSettings] = usePrintSettings(storeId);
  const printer = useTicketPrinter(storeId, live.orders, printSettings.autoPrint);

  // Columns, and the on-screen numbers a bump bar selects by (left to right, top to bottom).
  const columns = useMemo(
    () => COLUMNS.map((c) => ({ ...c, orders: live.orders.filter((o) => o.status === c.status) })),
    [live.orders],
  );
  const numbered = useMemo(() => columns.flatMap((c) => c.orders), [columns]);
  const numberOf = useMemo(() => new Map(numbered.map((o, i) => [o.id, i + 1])), [numbered]);

  useBumpBar(numbered, actions);

  const selectedOrder = numbered.find((o) => o.id === selected);

  return (
    <section className="kds" aria-label="Kitchen display">
      <KitchenBar
        actions={actions}
        selectedLabel={
          selectedOrder
            ? `Selected: #${numberOf.get(selectedOrder.id)} · order ${selectedOrder.orderNumber}`
            : "No ticket selected"
        }
        soundOn={soundOn}
      />
      <PrintSettingsBar settings={printSettings} onChange={changePrintSettings} />
      <PrintTicket job={printer.shown} paper={printSettings.paper} names={names} />
      {printer.error ? (
        <div className="alert alert--error" role="alert">
          {printer.error}
        </div>
      ) : null}
      {printer.networkNote && !printer.error ? (
        <p className="muted small" role="status" data-testid="network-print-note">
          {printer.networkNote}
        </p>
      ) : null}
      {live.newest && now - live.newest.at < 8000 ? (
        <div className="kds__alert" role="alert">
          New order {live.newest.orderNumber}
        </div>
      ) : null}
      {message ? (
        <div className={`alert ${message.kind === "error" ? "alert--error" : "alert--info"}`} role="status">
          {message.text}
        </div>
      ) : null}
      {actions.codeFor ? (
        <CounterCode
          orderNumber={actions.codeFor.orderNumber}
          busy={actions.bumping === actions.codeFor.id}
          onSubmit={(code) => void actions.bump(actions.codeFor!, code)}
          onCancel={actions.cancelCode}
        />
      ) : null}
      {live.error ? (
        <div className="alert alert--error" role="alert">
          Could not load the orders: {(live.error as Error).message}
        </div>
      ) : null}
      <BoardScroller>
        {columns.map((column) => (
          <section
            key={column.status}
            className={`kds__column kds__column--${column.status}`}
            aria-label={`${column.title}: ${column.orders.length}`}
            data-testid={`column-${column.status}`}
          >
            <h2 className="kds__column-title">
              {column.title} <span className="kds__count">{column.orders.length}</span>
            </h2>
            {column.orders.length === 0 ? <p className="kds__empty">—</p> : null}
            {column.orders.map((o) => (
              <Ticket
                key={o.id}
                order={o}
                index={numberOf.get(o.id) ?? 0}
                names={names}
                now={now}
                selected={o.id === selected}
                fresh={live.fresh.has(o.id)}
                recalled={o.id === actions.recalled}
                busy={actions.bumping === o.id}
                prints={printer.prints.filter((p) => p.orderId === o.id)}
                claim={printer.claims.get(o.id)}
                onSelect={() => setSelected(o.id)}
                onBump={() => void actions.bump(o)}
                onReprint={() => void printer.reprint(o)}
                onDeliveryTicket={() => void printer.printDelivery(o)}
              />
            ))}
          </section>
        ))}
      </BoardScroller>
    </section>
  );
}

/** The strip above the board: the keys, which ticket is selected, undo, and whether sound is on. */
function KitchenBar({
  actions,
  selectedLabel,
  soundOn,
}: {
  actions: BumpActions;
  selectedLabel: string;
  soundOn: boolean;
}) {
  return (
    <div className="kds__bar">
      <p className="kds__help" id="kds-help">
        Keys: <kbd>1</kbd>–<kbd>9</kbd> select a ticket · <kbd>Enter</kbd>/<kbd>B</kbd> bump · <kbd>R</kbd>{" "}
        recall last bumped · <kbd>U</kbd> undo last bump · <kbd>←</kbd>
        <kbd>→</kbd> move
      </p>
      <span className="kds__selected" data-testid="kds-selected" aria-live="polite">
        {selectedLabel}
      </span>
      <button
        type="button"
        className="button button--small"
        disabled={!actions.lastBumped || actions.undoing}
        onClick={() => void actions.undo()}
      >
        Undo last bump
      </button>
      {/* While sound is off, the banner above every tab says so (sound-prompt.tsx). */}
      {soundOn ? (
        <span className="badge" data-testid="sound-on">
          Sound on
        </span>
      ) : null}
    </div>
  );
}
