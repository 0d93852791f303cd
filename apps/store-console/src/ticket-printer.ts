// Printing tickets from the kitchen display. With auto-print on, every order this tab sees in the New
// column (once per order version) is claimed on the server (`order.claimTicketPrint`) and printed only
// if this station won the claim; a lost claim is "already printed" and prints nothing, so reloads, a
// second tab or a second station never print an order version twice. Reprint is explicit and recorded
// (`order.reprintTicket`). The printed list of the board's orders comes from `order.ticketPrints`.
// A store with a network printer (Store tab, ESC/POS) is printed by the server: the answer's `network`
// says whether it went, and this tab prints nothing itself; a printer that is down is said in words.
// Delivery tickets (address, phone's last digits, payment) are printed by hand: the first is a claim,
// later ones reprints.
import { useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { StoreOrder } from "./live-orders.ts";
import type { NetworkPrint, PrintJob, TicketKind } from "./print-ticket.tsx";

export function useTicketPrinter(storeId: string, orders: StoreOrder[], autoPrint: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const claim = useMutation(trpc.order.claimTicketPrint.mutationOptions());
  const reprintTicket = useMutation(trpc.order.reprintTicket.mutationOptions());
  const orderIds = orders.map((o) => o.id);
  const printsQuery = trpc.order.ticketPrints.queryOptions({ storeId, orderIds });
  const prints = useQuery({ ...printsQuery, enabled: orderIds.length > 0, refetchInterval: 15_000 });
  const [queue, setQueue] = useState<PrintJob[]>([]);
  const [shown, setShown] = useState<PrintJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** What the store's network printer did with this tab's last print (null: no network printer). */
  const [networkNote, setNetworkNote] = useState<string | null>(null);
  /** What this tab's last claim per order answered (shown as `data-claim` on the ticket). */
  const [claims, setClaims] = useState<ReadonlyMap<string, "claimed" | "already_printed">>(() => new Map());
  const asked = useRef(new Set<string>());
  const seq = useRef(0);

  // The order as it is now (the board's copy keeps the lines of its last full read; an edit's event
  // brings only the new version), so the printed lines are the ones the claimed version has.
  const enqueue = useCallback(
    async (order: StoreOrder, version: number, reprint: boolean, kind: TicketKind = "kitchen") => {
      const now = await queryClient
        .fetchQuery({ ...trpc.order.getOrder.queryOptions({ orderId: order.id }), staleTime: 0 })
        .catch(() => order);
      const delivery =
        kind === "delivery"
          ? await queryClient.fetchQuery({
              ...trpc.order.deliveryTicket.queryOptions({ orderId: order.id }),
              staleTime: 0,
            })
          : undefined;
      seq.current += 1;
      setQueue((q) => [...q, { order: now, version, reprint, seq: seq.current, kind, delivery }]);
    },
    [queryClient, trpc],
  );
  const refreshPrints = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: trpc.order.ticketPrints.queryKey() }),
    [queryClient, trpc],
  );

  /** true when the server printed on the network printer (or tried): then this tab prints nothing. */
  const afterNetwork = useCallback((network: NetworkPrint) => {
    if (!network) return false;
    if (network.sent) setNetworkNote(network.message);
    else setError(network.message);
    return true;
  }, []);

  // Claim each new order version once per tab; the server decides whether it prints.
  useEffect(() => {
    if (!autoPrint) return;
    for (const o of orders) {
      const key = `${o.id}:${o.version}`;
      if (o.status !== "placed" || asked.current.has(key)) continue;
      asked.current.add(key);
      claim
        .mutateAsync({ orderId: o.id, kind: "kitchen" })
        .then((r) => {
          if (r.claimed && !afterNetwork(r.network)) void enqueue(o, r.version, false);
          setClaims((m) => new Map(m).set(o.id, r.claimed ? "claimed" : "already_printed"));
          refreshPrints();
        })
        .catch((e: unknown) => setError(`Ticket ${o.orderNumber} did not print: ${(e as Error).message}`));
    }
  }, [orders, autoPrint, claim, enqueue, refreshPrints, afterNetwork]);

  // One job at a time: render it, and once that render is on the page, print (window.print blocks
  // until the dialog closes) and go on to the next.
  const next = queue[0];
  useEffect(() => {
    if (next) setShown(next);
  }, [next]);
  useEffect(() => {
    if (!shown || shown.seq !== next?.seq) return;
    window.print();
    setQueue((q) => q.slice(1));
  }, [shown, next]);

  const reprint = useCallback(
    async (order: StoreOrder, kind: TicketKind = "kitchen") => {
      setError(null);
      try {
        const p = await reprintTicket.mutateAsync({ orderId: order.id, kind });
        if (!afterNetwork(p.network)) await enqueue(order, p.version, true, kind);
        refreshPrints();
      } catch (e) {
        setError(`Ticket ${order.orderNumber} did not reprint: ${(e as Error).message}`);
      }
    },
    [reprintTicket, enqueue, refreshPrints, afterNetwork],
  );

  /** A delivery ticket: the first print of the order's version is a claim, any later one a reprint. */
  const printDelivery = useCallback(
    async (order: StoreOrder) => {
      setError(null);
      try {
        const r = await claim.mutateAsync({ orderId: order.id, kind: "delivery" });
        if (!r.claimed) return void (await reprint(order, "delivery"));
        if (!afterNetwork(r.network)) await enqueue(order, r.version, false, "delivery");
        refreshPrints();
      } catch (e) {
        setError(`The delivery ticket of ${order.orderNumber} did not print: ${(e as Error).message}`);
      }
    },
    [claim, reprint, enqueue, refreshPrints, afterNetwork],
  );

  return { prints: prints.data ?? [], claims, shown, reprint, printDelivery, error, networkNote };
}
