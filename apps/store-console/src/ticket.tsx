// One ticket on the kitchen display: order number, timers, what to make, and its bump button.
import {
  COLUMNS,
  clock,
  lateness,
  nextStage,
  type Placement,
  placementLabel,
  prettyId,
  STAGE_LABEL,
  timeFmt,
} from "./kitchen-model.ts";
import type { StoreOrder } from "./live-orders.ts";
import { lineName } from "./menu-names.ts";
import { type TicketPrint, TicketPrintHistory } from "./ticket-print-history.tsx";

function dueAt(o: StoreOrder): number {
  const due = o.status === "out_for_delivery" ? o.promisedAt : (o.readyEstimateAt ?? o.promisedAt);
  return new Date(due).getTime();
}

/** The bump button's words: the next column, or why there is none. */
function bumpLabel(status: StoreOrder["status"], next: ReturnType<typeof nextStage>): string {
  if (next === "picked_up") return "Handed over";
  if (next) return `Bump → ${COLUMNS.find((c) => c.status === next)?.title ?? STAGE_LABEL[next]}`;
  return status === "ready" ? "Waiting for driver" : "On the road";
}

/** A ticket: tapping it (or focusing its number) selects it for the bump bar; its button bumps it. */
export function Ticket({
  order,
  index,
  names,
  now,
  selected,
  fresh,
  recalled,
  busy,
  prints,
  claim,
  onSelect,
  onBump,
  onReprint,
  onDeliveryTicket,
}: {
  order: StoreOrder & { stageSince: string };
  index: number;
  names: Map<string, string>;
  now: number;
  selected: boolean;
  fresh: boolean;
  recalled: boolean;
  busy: boolean;
  prints: TicketPrint[];
  claim: "claimed" | "already_printed" | undefined;
  onSelect(): void;
  onBump(): void;
  onReprint(): void;
  /** Delivery orders: print the driver's ticket (address, phone's last digits, payment, QR). */
  onDeliveryTicket(): void;
}) {
  const due = dueAt(order);
  const late = lateness(now, due);
  const age = now - new Date(order.createdAt).getTime();
  const next = nextStage(order.status, order.channel);
  const className = [
    "ticket",
    `ticket--${late}`,
    selected ? "ticket--selected" : "",
    fresh ? "ticket--fresh" : "",
    recalled ? "ticket--recalled" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a tap anywhere on the ticket selects it; keyboards use its select button
    <article
      id={`ticket-${order.id}`}
      className={className}
      data-testid="ticket"
      data-order-number={order.orderNumber}
      data-status={order.status}
      aria-label={`Ticket ${index}, order ${order.orderNumber}, ${order.channel}, ${STAGE_LABEL[order.status]}`}
      aria-current={selected ? "true" : undefined}
      onClick={onSelect}
    >
      <header className="ticket__head">
        <button type="button" className="ticket__select" aria-pressed={selected} onFocus={onSelect}>
          <span className="visually-hidden">Select ticket </span>
          <span className="ticket__index" title="Bump bar number">
            {index}
          </span>
          <span className="ticket__number">#{order.orderNumber}</span>
        </button>
        <span className={`ticket__channel ticket__channel--${order.channel}`}>
          {order.channel === "delivery" ? "DELIVERY" : "CARRYOUT"}
        </span>
      </header>
      <div className="ticket__times">
        <span className="ticket__timer" data-testid="ticket-timer" data-late={late}>
          {clock(age)}
        </span>
        <span className="ticket__due">
          {late === "late" ? `late ${clock(now - due)}` : `due ${timeFmt.format(new Date(order.promisedAt))}`}
        </span>
      </div>
      <ul className="ticket__items">
        {order.items.map((line) => (
          <TicketLine key={line.lineNo} line={line} names={names} />
        ))}
      </ul>
      {order.notes ? <p className="ticket__notes">Note: {order.notes}</p> : null}
      <TicketPrintHistory
        orderNumber={order.orderNumber}
        prints={prints}
        claim={claim}
        onReprint={onReprint}
      />
      {order.channel === "delivery" ? (
        <button
          type="button"
          className="button button--small ticket__delivery-print"
          aria-label={`Print delivery ticket of order ${order.orderNumber}`}
          onClick={(e) => {
            e.stopPropagation();
            onDeliveryTicket();
          }}
          onFocus={(e) => e.stopPropagation()}
        >
          Delivery ticket
        </button>
      ) : null}
      <button
        type="button"
        className="button button--primary ticket__bump"
        disabled={!next || busy}
        onClick={(e) => {
          e.stopPropagation();
          onBump();
        }}
        onFocus={(e) => e.stopPropagation()}
      >
        {bumpLabel(order.status, next)}
      </button>
    </article>
  );
}

/** One line of the order: quantity and name, the base (crust, sauce, cheese), toppings by placement, options. */
export function TicketLine({
  line,
  names,
}: {
  line: StoreOrder["items"][number];
  names: Map<string, string>;
}) {
  const name = (kind: string, id: string) => names.get(`${kind}:${id}`) ?? prettyId(id);
  return (
    <li className="ticket__item">
      <div className="ticket__item-name">
        <strong>{line.quantity}×</strong> {lineName(line, names)}
      </div>
      {line.config.crust || line.config.sauce || (line.config.cheese && line.config.cheese !== "normal") ? (
        <div className="ticket__base">
          {[
            line.config.crust ? name("crust", line.config.crust) : null,
            line.config.sauce ? name("sauce", line.config.sauce) : null,
            line.config.cheese && line.config.cheese !== "normal"
              ? `${line.config.cheese.toUpperCase()} cheese`
              : null,
          ]
            .filter(Boolean)
            .join(" · ")}
        </div>
      ) : null}
      {line.config.toppings && line.config.toppings.length > 0 ? (
        <ul className="ticket__toppings">
          {line.config.toppings.map((t) => (
            <li key={`${t.id}-${t.placement}`}>
              <span className={`placement placement--${t.placement}`}>
                {placementLabel(t.placement as Placement)}
              </span>{" "}
              {name("topping", t.id)}
              {t.portion === "extra" ? <span className="extra"> EXTRA</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {line.config.options && line.config.options.length > 0 ? (
        <div className="ticket__options">{line.config.options.map((k) => name("option", k)).join(" · ")}</div>
      ) : null}
    </li>
  );
}
