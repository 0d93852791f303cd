// The printed ticket for 80 mm or 58 mm thermal paper. It lives outside the app's root (a portal on
// <body>), hidden on screen; print CSS (console.css, "Printed tickets") shows only it on a named @page
// sized to the station's paper (a class, not an inline <style>: the CSP allows only the app's own CSS). Big order number, QR of the order number, lines with halves and extras in words.
import type { AppRouter } from "@pizza/api/router";
import type { inferRouterOutputs } from "@trpc/server";
import { createPortal } from "react-dom";
import { timeFmt } from "./kitchen-model.ts";
import type { StoreOrder } from "./live-orders.ts";
import type { PaperWidth } from "./print-settings.tsx";
import { TicketLine } from "./ticket.tsx";
import { TicketQr } from "./ticket-qr.tsx";

type Outputs = inferRouterOutputs<AppRouter>;
export type TicketKind = Outputs["order"]["ticketPrints"][number]["kind"];
/** What the store's network printer did with a print (null: the store has none; this tab prints). */
export type NetworkPrint = Outputs["order"]["reprintTicket"]["network"];
export type DeliveryDetails = Outputs["order"]["deliveryTicket"];

export interface PrintJob {
  order: StoreOrder;
  version: number;
  reprint: boolean;
  /** A kitchen ticket (the lines to make) or a delivery ticket (address, phone, payment, for the driver). */
  kind: TicketKind;
  delivery?: DeliveryDetails;
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
          <div className="print-ticket__channel">
            {job.kind === "delivery" ? "DELIVERY TICKET" : o.channel === "delivery" ? "DELIVERY" : "CARRYOUT"}
          </div>
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
        {job.delivery ? <DeliveryPart d={job.delivery} /> : null}
        {o.notes ? <p className="print-ticket__notes">Note: {o.notes}</p> : null}
        <TicketQr text={String(o.orderNumber)} label={`QR code of order ${o.orderNumber}`} />
        <div className="print-ticket__scan">Driver: scan for order {o.orderNumber}</div>
      </article>
    </div>,
    document.body,
  );
}

/** The delivery ticket's part for the driver: where, the phone's last digits, paid or cash to collect. */
function DeliveryPart({ d }: { d: DeliveryDetails }) {
  return (
    <section className="print-ticket__delivery" data-testid="print-delivery">
      <address className="print-ticket__address">
        {d.addressLines.map((line) => (
          <div key={line}>{line}</div>
        ))}
      </address>
      <div>Phone: ···{d.phoneLast4 ?? " (none given)"}</div>
      <div className={`print-ticket__payment print-ticket__payment--${d.payment.paid ? "paid" : "cash"}`}>
        {d.payment.text}
      </div>
    </section>
  );
}
