// The handover code's state for a delivery in progress (issue 20): how many wrong codes the driver
// entered, "Code failed 5×" once it is locked, and a manager's "Confirm handover" that lets the driver
// deliver without the code (the server refuses crew with a sentence, shown here).
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DeliveryStatus } from "./store-api-types.ts";

type Handover = NonNullable<DeliveryStatus["handover"]>;

export function HandoverLock({ orderId, handover }: { orderId: string; handover: Handover }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const confirm = useMutation(
    trpc.order.confirmHandover.mutationOptions({
      onSuccess: () =>
        void queryClient.invalidateQueries({
          queryKey: trpc.delivery.getDeliveryStatus.queryKey({ orderId }),
        }),
    }),
  );
  if (handover.verified) return <p className="small muted">Handover code: verified.</p>;
  if (handover.confirmed)
    return (
      <p className="small" data-testid="handover-confirmed">
        Handover confirmed by a manager: no code needed.
      </p>
    );
  return (
    <div
      className={handover.locked ? "alert alert--error stack stack--tight" : "small"}
      data-testid="handover-state"
    >
      <p>
        {handover.locked
          ? `Code failed ${handover.failures}×: the driver cannot hand it over until a manager confirms.`
          : `Handover code needed${handover.failures > 0 ? ` · ${handover.failures} wrong so far` : ""}.`}
      </p>
      {handover.locked ? (
        <button
          type="button"
          className="button button--small"
          disabled={confirm.isPending}
          onClick={() => confirm.mutate({ orderId })}
        >
          Confirm handover (manager)
        </button>
      ) : null}
      {confirm.error ? <p role="alert">{errorMessage(confirm.error)}</p> : null}
    </div>
  );
}
