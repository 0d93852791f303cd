// A ticket as ESC/POS bytes for a network receipt printer, with @point-of-sale/receipt-printer-encoder
// (a maintained encoder: code pages, sizes, QR codes). 80 mm paper is 48 columns of font A, 58 mm is 32.
// Halves and extras are words in capitals, the order number large, and a QR code of the order number for
// the driver to scan; the paper is cut at the end.
import ReceiptPrinterEncoder from "@point-of-sale/receipt-printer-encoder";
import type { TicketContent } from "./ticket-content.ts";

export function escposTicket(t: TicketContent, paper: "80" | "58"): Uint8Array {
  const e = new ReceiptPrinterEncoder({ language: "esc-pos", columns: paper === "58" ? 32 : 48 });
  e.initialize().codepage("auto").align("center");
  e.bold(true).line(
    t.kind === "delivery" ? "DELIVERY TICKET" : t.channel === "delivery" ? "DELIVERY" : "CARRYOUT",
  );
  e.size(2, 2).line(`#${t.orderNumber}`).size(1, 1).bold(false);
  if (t.reprint) e.invert(true).bold(true).line(" REPRINT ").bold(false).invert(false);
  e.line(`Placed ${t.placedAt} - due ${t.dueAt} - v${t.version}`);
  if (t.storeName) e.line(t.storeName);
  e.align("left").rule();
  if (t.kind === "kitchen" || !t.delivery) {
    for (const l of t.lines) {
      e.bold(true).line(`${l.quantity}x ${l.name}`).bold(false);
      if (l.base) e.line(`   ${l.base}`);
      for (const top of l.toppings) {
        e.text(`   ${top.where === "WHOLE" ? "" : `${top.where} `}${top.name}`);
        if (top.extra) e.bold(true).text(" EXTRA").bold(false);
        e.newline();
      }
      if (l.options.length > 0) e.line(`   ${l.options.join(", ")}`);
    }
  } else {
    for (const l of t.lines) e.line(`${l.quantity}x ${l.name}`);
    e.rule();
    for (const a of t.delivery.addressLines) e.bold(true).line(a).bold(false);
    e.line(`Phone: ...${t.delivery.phoneLast4 ?? "(none)"}`);
    e.size(1, 2).bold(true).line(t.delivery.payment.text).bold(false).size(1, 1);
  }
  if (t.notes) e.rule().bold(true).line(`Note: ${t.notes}`).bold(false);
  e.rule().align("center").qrcode(String(t.orderNumber), 2, 6, "m");
  e.line(`Driver: scan for order ${t.orderNumber}`);
  return e.cut().encode();
}
