// The handover code on the tracker (issue 20): an order the store hands over only against a code (cash
// above its limit, age-restricted items) shows it to its customer — "Tell your driver this code: 4831",
// or at the counter for carryout — until it is handed over. Only the customer's tracker (and their
// tracking link) gets the code from the server.
import { useT } from "../../i18n/index.tsx";

export function HandoverCode({
  code,
  channel,
  current,
}: {
  code: string | null | undefined;
  channel: "delivery" | "carryout";
  current: string;
}) {
  const t = useT();
  if (!code || ["delivered", "picked_up", "cancelled"].includes(current)) return null;
  return (
    <section className="card stack stack--tight" data-testid="handover-code">
      <p>
        <strong>{t(channel === "delivery" ? "handover.delivery" : "handover.carryout", { code })}</strong>
      </p>
      <p className="small muted">{t("handover.why")}</p>
    </section>
  );
}
