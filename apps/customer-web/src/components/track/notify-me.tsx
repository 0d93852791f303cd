import { FormError, usePushSubscription } from "@pizza/ui";
import { useT } from "../../i18n/index.tsx";

/** The customer web's worker only shows pushes (push-sw.js from pushWorker(); it has no fetch handler). */
const pushWorker = () => navigator.serviceWorker.register("/push-sw.js", { scope: "/" });

/**
 * "Notify me" on the tracker: with it on, the order's stages (being made, on its way, ready at the
 * counter, delivered) reach this browser even when the tracker is closed. The permission is asked only
 * when the customer presses the switch. Shown only when the browser can push and the server has push on.
 */
export function NotifyMe() {
  const t = useT();
  const push = usePushSubscription("customer", pushWorker);
  if (!push.available) return null;
  const on = push.state === "on";
  return (
    <section className="card stack stack--tight" aria-labelledby="notify-title" data-testid="notify-me">
      <div className="row row--between">
        <h2 id="notify-title">{t("push.title")}</h2>
        <button
          type="button"
          className={`button button--small${on ? " button--primary" : ""}`}
          aria-pressed={on}
          disabled={push.busy || push.state === "blocked"}
          onClick={() => void (on ? push.turnOff() : push.turnOn())}
        >
          {on ? t("push.on") : t("push.off")}
          <span className="visually-hidden"> — {t("push.about")}</span>
        </button>
      </div>
      <p className="muted small" role="status">
        {push.state === "blocked" ? t("push.blocked") : on ? t("push.onText") : t("push.offText")}
      </p>
      <FormError message={push.problem ?? ""} />
    </section>
  );
}
