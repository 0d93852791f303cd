import type { AppRouter } from "@pizza/api/router";
import { errorMessage, useTRPC, useTRPCClient } from "@pizza/ui";
import { useQueryClient } from "@tanstack/react-query";
import { isTRPCClientError, type TRPCClient } from "@trpc/client";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";
import { PhotoRefused, uploadPhoto } from "./photo-upload.ts";
import {
  type ActionKind,
  type AwayReason,
  type BagCheck,
  enqueue,
  listQueued,
  newClientActionId,
  type PhotoRef,
  type QueuedAction,
  removeQueued,
  type SignatureRef,
  updateQueued,
} from "./queue.ts";

interface OutboxValue {
  pending: QueuedAction[];
  /** Refusals from the server (the action was dropped from the queue), newest last. */
  refused: Refusal[];
  submit(action: {
    kind: ActionKind;
    deliveryId: string;
    orderNumber: number;
    cashCollected?: number;
    awayReason?: AwayReason;
    photo?: Blob;
    photoRef?: PhotoRef;
    signature?: Blob;
    signatureRef?: SignatureRef;
    handoverCode?: string;
    checks?: BagCheck[];
  }): Promise<void>;
  flush(): Promise<void>;
  dismissRefused(): void;
}

/**
 * `away`: "Delivered" too far from the address; the card asks why and sends it again. `reason`: the
 * server's reason (e.g. `wrong_handover_code`), so the card can ask for the code again.
 */
export interface Refusal {
  action: QueuedAction;
  message: string;
  away: boolean;
  reason: string | null;
}

const OutboxContext = createContext<OutboxValue | null>(null);

export function useOutbox(): OutboxValue {
  const value = useContext(OutboxContext);
  if (!value) throw new Error("useOutbox must be used inside <OutboxProvider>");
  return value;
}

/** The server's reason for a refusal (`away_from_address`: the driver can say why and try again). */
function refusalReason(error: unknown): string | null {
  if (!isTRPCClientError(error)) return null;
  const data = error.data as { details?: { reason?: string } | null } | undefined;
  return data?.details?.reason ?? null;
}

/** A server that answered (any status) versus a request that never made it (offline, DNS, reset). */
function answeredByServer(error: unknown): number | undefined {
  return isTRPCClientError(error)
    ? (error.data as { httpStatus?: number } | undefined)?.httpStatus
    : undefined;
}

/** The photo and the signature uploaded (once: the refs are kept in the queue for retries). */
async function uploadAttachments(client: TRPCClient<AppRouter>, action: QueuedAction): Promise<QueuedAction> {
  let next = action;
  if (next.photo && !next.photoRef) {
    next = { ...next, photoRef: await uploadPhoto(client, next.deliveryId, next.photo) };
    await updateQueued(next);
  }
  if (next.signature && !next.signatureRef) {
    const ref = await uploadPhoto(client, next.deliveryId, next.signature, "signature");
    next = { ...next, signatureRef: { ...ref, contentType: "image/png" } };
    await updateQueued(next);
  }
  return next;
}

/**
 * Every status change goes through the durable queue, online or not: written to IndexedDB, then sent in
 * order. A network failure leaves it queued (retried when the browser says it is online again, when the
 * socket reconnects, and every few seconds); a refusal (4xx) drops it and says why; a 5xx is retried.
 */
export function OutboxProvider({ children }: { children: ReactNode }) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<QueuedAction[]>([]);
  const [refused, setRefused] = useState<Refusal[]>([]);
  const running = useRef<Promise<void> | null>(null);

  const reload = useCallback(async () => setPending(await listQueued()), []);

  const drain = useCallback(async () => {
    for (let action of await listQueued()) {
      try {
        if (action.kind === "picked_up") {
          await client.delivery.markPickedUp.mutate({
            deliveryId: action.deliveryId,
            clientActionId: action.clientActionId,
            checks: action.checks ?? [],
          });
        } else {
          action = await uploadAttachments(client, action);
          await client.delivery.markDelivered.mutate({
            deliveryId: action.deliveryId,
            clientActionId: action.clientActionId,
            ...(action.cashCollected !== undefined ? { cashCollected: action.cashCollected } : {}),
            ...(action.awayReason ? { awayReason: action.awayReason } : {}),
            ...(action.photoRef ? { photo: action.photoRef } : {}),
            ...(action.signatureRef ? { signature: action.signatureRef } : {}),
            ...(action.handoverCode ? { handoverCode: action.handoverCode } : {}),
          });
        }
        // The card's stage comes from the server's answer once the action leaves the queue: refetch it
        // first, so the card never flips back for a moment (and its photo input is not reset).
        await queryClient.invalidateQueries({ queryKey: trpc.delivery.current.queryKey() });
        await removeQueued(action.seq!);
      } catch (error) {
        const status = error instanceof PhotoRefused ? 400 : answeredByServer(error);
        if (status !== undefined && status >= 400 && status < 500) {
          await removeQueued(action.seq!);
          const reason = refusalReason(error);
          const refusal = {
            action,
            message: errorMessage(error),
            away: reason === "away_from_address",
            reason,
          };
          setRefused((r) => [...r, refusal]);
          continue;
        }
        // Not sent (or the server failed): keep it and everything after it, in order, for the next try.
        await updateQueued({ ...action, attempts: action.attempts + 1, lastError: errorMessage(error) });
        break;
      } finally {
        await reload();
      }
    }
    await queryClient.invalidateQueries({ queryKey: trpc.delivery.current.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.delivery.shiftSummary.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.delivery.weeklyEarnings.queryKey() });
  }, [client, queryClient, reload, trpc]);

  const flush = useCallback(async () => {
    if (running.current) return running.current;
    // One sender per device: two tabs of the app must not send the same queue at once.
    const locks = navigator.locks;
    const run: Promise<void> = locks
      ? locks
          .request("pizza-driver-outbox", async () => {
            await drain();
          })
          .then(() => undefined)
      : drain();
    running.current = run.finally(() => {
      running.current = null;
    });
    return running.current;
  }, [drain]);

  const submit = useCallback<OutboxValue["submit"]>(
    async (action) => {
      // Sending "Delivered" again (with a reason) answers the earlier refusal of that delivery.
      if (action.kind === "delivered")
        setRefused((r) => r.filter((x) => x.action.deliveryId !== action.deliveryId));
      await enqueue({ ...action, clientActionId: newClientActionId() });
      await reload();
      void flush();
    },
    [flush, reload],
  );

  useEffect(() => {
    void reload().then(() => flush());
    const onOnline = () => void flush();
    window.addEventListener("online", onOnline);
    const timer = window.setInterval(() => {
      if (navigator.onLine) void listQueued().then((q) => (q.length > 0 ? flush() : undefined));
    }, 5_000);
    return () => {
      window.removeEventListener("online", onOnline);
      window.clearInterval(timer);
    };
  }, [flush, reload]);

  return (
    <OutboxContext.Provider
      value={{
        pending,
        refused,
        submit,
        flush: async () => void (await flush()),
        dismissRefused: () => setRefused([]),
      }}
    >
      {children}
    </OutboxContext.Provider>
  );
}
