// The tracker's live badge: "Live" (or "Reconnecting…") while the order is under way; a finished order
// says how it ended instead, and is not followed live any more.

import type { ConnectionState } from "@pizza/ui/socket";
import { type MessageKey, useT } from "../../i18n/index.tsx";

const ENDED: Record<string, MessageKey> = {
  delivered: "stage.delivered",
  picked_up: "stage.picked_up",
  cancelled: "stage.cancelled",
};

/** Delivered, picked up or cancelled: nothing more will happen to it. */
export const isFinished = (status: string | null | undefined) => status != null && status in ENDED;

export function LiveBadge({ status, connection }: { status: string; connection: ConnectionState["status"] }) {
  const t = useT();
  const ended = ENDED[status];
  if (ended)
    return (
      <span className="live live--ended" role="status" data-testid="live-state">
        {t(ended)}
      </span>
    );
  return (
    <span className={`live live--${connection}`} role="status" data-testid="live-state">
      {connection === "connected" ? t("track.live") : connection === "idle" ? "" : t("track.reconnecting")}
    </span>
  );
}
