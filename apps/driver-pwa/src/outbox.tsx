import { errorMessage, useTRPC, useTRPCClient } from "@pizza/ui";
import { useQueryClient } from "@tanstack/react-query";
import { isTRPCClientError } from "@trpc/client";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";
import {
  type ActionKind,
  enqueue,
  listQueued,
  newClientActionId,
  type QueuedAction,
  removeQueued,
  updateQueued,
} from "./queue.ts";

interface OutboxValue {
  pending: QueuedAction[];
  /** Refusals from the server (the action was dropped from the queue), newest last. */
  refused: { action: QueuedAction; message: string }[];
  submit(action: {
    kind: ActionKind;
    deliveryId: string;
    orderNumber: number;
    cashCollected?: number;
  }): Promise<void>;
  flush(): Promise<void>;
  dismissRefused(): void;
}

const OutboxContext = createContext<OutboxValue | null>(null);

export function useOutbox(): OutboxValue {
  const value = useContext(OutboxContext);
  if (!value) throw new Error("useOutbox must be used inside <OutboxProvider>");
  return value;
}

/** A server that answered (any status) versus a request that never made it (offline, DNS, reset). */
function answeredByServer(error: unknown): number | undefined {
  return isTRPCClientError(error)
    ? (error.data as { httpStatus?: number } | undefined)?.httpStatus
    : undefined;
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
  const [refused, setRefused] = useState<{ action: QueuedAction; message: string }[]>([]);
  const running = useRef<Promise<void> | null>(null);

  const reload = useCallback(async () => setPending(await listQueued()), []);

  const drain = useCallback(async () => {
    for (const action of await listQueued()) {
      try {
        if (action.kind === "picked_up") {
          await client.delivery.markPickedUp.mutate({
            deliveryId: action.deliveryId,
            clientActionId: action.clientActionId,
          });
        } else {
          await client.delivery.markDelivered.mutate({
            deliveryId: action.deliveryId,
            clientActionId: action.clientActionId,
            ...(action.cashCollected !== undefined ? { cashCollected: action.cashCollected } : {}),
          });
        }
        await removeQueued(action.seq!);
      } catch (error) {
        const status = answeredByServer(error);
        if (status !== undefined && status >= 400 && status < 500) {
          await removeQueued(action.seq!);
          setRefused((r) => [...r, { action, message: errorMessage(error) }]);
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
