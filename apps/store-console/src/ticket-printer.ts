// Printing tickets from the kitchen display. With auto-print on, every order this tab sees in the New
// column (once per order version) is claimed on the server (`order.claimTicketPrint`) and printed only
// if this station won the claim; a lost claim is "already printed" and prints nothing, so reloads, a
// second tab or a second station never print an order version twice. Reprint is explicit and recorded
// (`order.reprintTicket`). The printed list of the board's orders comes from `order.ticketPrints`.
import { useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { StoreOrder } from "./live-orders.ts";
import type { PrintJob } from "./print-ticket.tsx";

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
  /** What this tab's last claim per order answered (shown as `data-claim` on the ticket). */
  const [claims, setClaims] = useState<ReadonlyMap<string, "claimed" | "already_printed">>(() => new Map());
  const asked = useRef(new Set<string>());
  const seq = useRef(0);

  const enqueue = useCallback((order: StoreOrder, version: number, reprint: boolean) => {
    seq.current += 1;
    setQueue((q) => [...q, { order, version, reprint, seq: seq.current }]);
  }, []);
  const refreshPrints = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: trpc.order.ticketPrints.queryKey() }),
    [queryClient, trpc],
  );

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
          if (r.claimed) enqueue(o, r.version, false);
          setClaims((m) => new Map(m).set(o.id, r.claimed ? "claimed" : "already_printed"));
          refreshPrints();
        })
        .catch((e: unknown) => setError(`Ticket ${o.orderNumber} did not print: ${(e as Error).message}`));
    }
  }, [orders, autoPrint, claim, enqueue, refreshPrints]);

  // One job at a time: render it, then print (window.print blocks until the dialog closes).
  const next = queue[0];
  useEffect(() => {
    if (!next) return;
    setShown(next);
    const timer = window.setTimeout(() => {
      window.print();
      setQueue((q) => q.slice(1));
    }, 0);
    return () => window.clearTimeout(timer);
  }, [next]);

  const reprint = useCallback(
    async (order: StoreOrder) => {
      setError(null);
      try {
        const p = await reprintTicket.mutateAsync({ orderId: order.id, kind: "kitchen" });
        enqueue(order, p.version, true);
        refreshPrints();
      } catch (e) {
        setError(`Ticket ${order.orderNumber} did not reprint: ${(e as Error).message}`);
      }
    },
    [reprintTicket, enqueue, refreshPrints],
  );

  return { prints: prints.data ?? [], claims, shown, reprint, error };
}
