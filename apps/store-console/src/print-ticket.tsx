// The printed ticket for 80 mm or 58 mm thermal paper. It lives outside the app's root (a portal on
// <body>), hidden on screen; print CSS (console.css, "Printed tickets") shows only it on a named @page
// sized to the station's paper (a class, not an inline <style>: the CSP allows only the app's own CSS). Big order number, QR of the order number, lines with halves and extras in words.
import { createPortal } from "react-dom";
import { timeFmt } from "./kitchen-model.ts";
import type { StoreOrder } from "./live-orders.ts";
import type { PaperWidth } from "./print-settings.tsx";
import { TicketLine } from "./ticket.tsx";
import { TicketQr } from "./ticket-qr.tsx";

export interface PrintJob {
  order: StoreOrder;
  version: number;
  reprint: boolean;
  /** Bumps for every job so the same order printed twice renders (and prints) twice. */
  seq: number;
}

export function PrintTicket({
  job,
  paper,
  names,
}: {
  job: PrintJob | null;
  paper: PaperWidth;
  names: Map<string, string>;
}) {
  if (!job) return null;
  const o = job.order;
  return createPortal(
    <div className={`print-area print-area--${paper}`} data-testid="print-area" data-seq={job.seq}>
      <article className="print-ticket">
        <header className="print-ticket__head">
          <div className="print-ticket__channel">{o.channel === "delivery" ? "DELIVERY" : "CARRYOUT"}</div>
          <div className="print-ticket__number">#{o.orderNumber}</div>
          {job.reprint ? <div className="print-ticket__reprint">REPRINT</div> : null}
          <div className="print-ticket__meta">
            Placed {timeFmt.format(new Date(o.createdAt))} · due {timeFmt.format(new Date(o.promisedAt))} · v
            {job.version}
          </div>
        </header>
        <ul className="ticket__items print-ticket__items">
          {o.items.map((line) => (
            <TicketLine key={line.lineNo} line={line} names={names} />
          ))}
        </ul>
        {o.notes ? <p className="print-ticket__notes">Note: {o.notes}</p> : null}
        <TicketQr text={String(o.orderNumber)} label={`QR code of order ${o.orderNumber}`} />
        <div className="print-ticket__scan">Driver: scan for order {o.orderNumber}</div>
      </article>
    </div>,
    document.body,
  );
}
