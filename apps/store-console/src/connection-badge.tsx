// The console's live-connection state beside its title ("Live", "Reconnecting…", "Signed out").
import { useConnectionState } from "@pizza/ui/socket";

export function ConnectionBadge() {
  const connection = useConnectionState();
  return (
    <span
      className={`conn conn--${connection.status}`}
      data-testid="connection"
      data-state={connection.status}
      role="status"
    >
      {connection.status === "connected"
        ? "Live"
        : connection.status === "reconnecting"
          ? "Reconnecting…"
          : connection.status === "unauthorized"
            ? "Signed out"
            : "Connecting…"}
    </span>
  );
}
