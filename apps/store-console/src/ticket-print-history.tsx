// Under a ticket: when and by whom it was printed and reprinted, and the Reprint button.
import type { AppRouter } from "@pizza/api/router";
import type { inferRouterOutputs } from "@trpc/server";
import { timeFmt } from "./kitchen-model.ts";

export type TicketPrint = inferRouterOutputs<AppRouter>["order"]["ticketPrints"][number];

/**
 * "printed 19:02 by Ana, reprinted 19:10 by Ben" (kitchen tickets, oldest first); an explicit print
 * before any other is "(by hand)".
 */
export function printHistoryText(prints: TicketPrint[], kind: TicketPrint["kind"] = "kitchen"): string {
  return prints
    .filter((p) => p.kind === kind)
    .map((p, i) => {
      const at = `${timeFmt.format(new Date(p.printedAt))} by ${p.printedBy}`;
      if (!p.reprint) return `printed ${at}`;
      return i === 0 ? `printed ${at} (by hand)` : `reprinted ${at}`;
    })
    .join(", ");
}

export function TicketPrintHistory({
  orderNumber,
  prints,
  claim,
  onReprint,
}: {
  orderNumber: number;
  prints: TicketPrint[];
  /** This tab's automatic claim: it printed here, or the ticket was already printed. */
  claim: "claimed" | "already_printed" | undefined;
  onReprint(): void;
}) {
  const text = printHistoryText(prints);
  const delivery = printHistoryText(prints, "delivery");
  const action = text ? "Reprint" : "Print";
  return (
    <div className="ticket__prints">
      <span data-testid="ticket-prints" data-claim={claim}>
        {text || "not printed"}
      </span>
      {delivery ? <span data-testid="delivery-prints">delivery ticket {delivery}</span> : null}
      <button
        type="button"
        className="button button--small"
        aria-label={`${action} ticket of order ${orderNumber}`}
        onClick={(e) => {
          e.stopPropagation();
          onReprint();
        }}
        onFocus={(e) => e.stopPropagation()}
      >
        {action}
      </button>
    </div>
  );
}
