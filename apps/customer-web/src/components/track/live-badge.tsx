// The tracker's live badge: "Live" (or "Reconnecting…") while the order is under way; a finished order
// says how it ended instead, and is not followed live any more.
import type { ConnectionState } from "@pizza/ui/socket";

const ENDED: Record<string, string> = {
  delivered: "Delivered",
  picked_up: "Picked up",
  cancelled: "Cancelled",
};

/** Delivered, picked up or cancelled: nothing more will happen to it. */
export const isFinished = (status: string | null | undefined) => status != null && status in ENDED;

export function LiveBadge({ status, connection }: { status: string; connection: ConnectionState["status"] }) {
  const ended = ENDED[status];
  if (ended)
    return (
      <span className="live live--ended" role="status" data-testid="live-state">
        {ended}
      </span>
    );
  return (
    <span className={`live live--${connection}`} role="status" data-testid="live-state">
      {connection === "connected" ? "Live" : connection === "idle" ? "" : "Reconnecting…"}
    </span>
  );
}
