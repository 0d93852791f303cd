// What staff do to tickets on the kitchen display: select, bump to the next stage, recall and undo the last bump.
import { useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { nextStage, STAGE_LABEL } from "./kitchen-model.ts";
import type { LiveOrders, StoreOrder } from "./live-orders.ts";

export interface KitchenMessage {
  kind: "error" | "info";
  text: string;
}

const CODE_REASONS = ["handover_code_required", "wrong_handover_code"];

/** The server's reason for a refusal (`details.reason`), if it gave one. */
function reasonOf(error: unknown): string | undefined {
  const data = (error as { data?: { details?: { reason?: string } | null } } | null)?.data;
  return data?.details?.reason;
}

/** The selection, the last bump and the messages about them, with the actions that change them. */
export function useBumpActions(live: LiveOrders) {
  const trpc = useTRPC();
  const [selected, setSelected] = useState<string | null>(null);
  const [lastBumped, setLastBumped] = useState<{ orderId: string; from: StoreOrder["status"] } | null>(null);
  const [recalled, setRecalled] = useState<string | null>(null);
  const [message, setMessage] = useState<KitchenMessage | null>(null);
  /** A carryout order waiting for the customer's handover code at the counter. */
  const [codeFor, setCodeFor] = useState<StoreOrder | null>(null);
  const advance = useMutation(trpc.order.advance.mutationOptions());
  const undoAdvance = useMutation(trpc.order.undoAdvance.mutationOptions());

  const bump = useCallback(
    async (order: StoreOrder, handoverCode?: string) => {
      const to = nextStage(order.status, order.channel);
      if (!to) {
        setMessage({
          kind: "info",
          text:
            order.status === "ready"
              ? `Order ${order.orderNumber} leaves with its driver (assign one under Drivers).`
              : `Order ${order.orderNumber} is with its driver.`,
        });
        return;
      }
      setMessage(null);
      try {
        const result = await advance.mutateAsync({
          orderId: order.id,
          to,
          expectedVersion: order.version,
          ...(handoverCode ? { handoverCode } : {}),
        });
        live.apply(result);
        setCodeFor(null);
        setLastBumped({ orderId: order.id, from: order.status });
        setSelected(order.id);
      } catch (error) {
        // A carryout order handed over only against the customer's code: ask for it (again).
        if (CODE_REASONS.includes(reasonOf(error) ?? "")) setCodeFor(order);
        setMessage({ kind: "error", text: (error as Error).message });
      }
    },
    [advance, live],
  );

  const recall = useCallback(() => {
    if (!lastBumped) {
      setMessage({ kind: "info", text: "Nothing bumped yet." });
      return;
    }
    setSelected(lastBumped.orderId);
    setRecalled(lastBumped.orderId);
    setTimeout(() => setRecalled(null), 4000);
    const order = live.orders.find((o) => o.id === lastBumped.orderId);
    setMessage({
      kind: "info",
      text: order
        ? `Recalled order ${order.orderNumber}: now ${STAGE_LABEL[order.status]} (was ${STAGE_LABEL[lastBumped.from]}). Press U to undo the bump (within 2 minutes).`
        : "The last bumped order has left the board (handed over or delivered).",
    });
    document.getElementById(`ticket-${lastBumped.orderId}`)?.scrollIntoView({ block: "nearest" });
  }, [lastBumped, live.orders]);

  /** Takes the last bump back (one stage, within 2 minutes; the server says when it cannot). */
  const undo = useCallback(async () => {
    if (!lastBumped) {
      setMessage({ kind: "info", text: "Nothing to undo: no ticket bumped yet." });
      return;
    }
    const order = live.orders.find((o) => o.id === lastBumped.orderId);
    try {
      const result = await undoAdvance.mutateAsync({ orderId: lastBumped.orderId });
      live.apply(result);
      setLastBumped(null);
      setSelected(result.orderId);
      setMessage({
        kind: "info",
        text: `Undone: order ${order?.orderNumber ?? ""} is back in ${STAGE_LABEL[result.status]}.`,
      });
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    }
  }, [lastBumped, live, undoAdvance]);

  return {
    selected,
    setSelected,
    lastBumped,
    recalled,
    message,
    setMessage,
    bump,
    codeFor,
    cancelCode: () => setCodeFor(null),
    recall,
    undo,
    /** The order whose bump is on its way (its button waits). */
    bumping: advance.isPending ? advance.variables?.orderId : undefined,
    undoing: undoAdvance.isPending,
  };
}

export type BumpActions = ReturnType<typeof useBumpActions>;
