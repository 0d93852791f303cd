// "Your driver is arriving": shown on the tracker when the server says the driver is near the drop-off
// (`order:arriving`, sent once per delivery to the order's room), or when the delivery status the tracker
// loads says the driver already was (`arrivingAt`: after a reload), while the order is out for delivery.

import type { OrderArrivingEvent } from "@pizza/contracts";
import { useSocket } from "@pizza/ui/socket";
import { useEffect, useState } from "react";
import { useT } from "../../i18n/index.tsx";

export function DriverArriving({
  orderId,
  current,
  arrivingAt,
  eta,
}: {
  orderId: string;
  current: string;
  /** From the delivery status: when the driver came near (null: not yet). */
  arrivingAt?: string | null | undefined;
  /** The live drop-off ETA, for the minutes after a reload. */
  eta?: string | null | undefined;
}) {
  const t = useT();
  const connection = useSocket();
  const [arriving, setArriving] = useState<OrderArrivingEvent | null>(null);
  useEffect(() => {
    const handler = (event: OrderArrivingEvent) => {
      if (event.orderId === orderId) setArriving(event);
    };
    connection.socket.on("order:arriving", handler);
    return () => void connection.socket.off("order:arriving", handler);
  }, [connection, orderId]);

  if ((!arriving && !arrivingAt) || current !== "out_for_delivery") return null;
  const etaS = arriving ? arriving.etaS : eta ? (Date.parse(eta) - Date.now()) / 1000 : 60;
  const minutes = Math.max(1, Math.round(etaS / 60));
  return (
    <div className="alert alert--success" role="status" data-testid="driver-arriving">
      <strong>{t("arriving.title")}</strong> — {t("arriving.text", { minutes })}
    </div>
  );
}
