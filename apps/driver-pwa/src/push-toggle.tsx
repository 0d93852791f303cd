import { FormError, usePushSubscription, useTRPC } from "@pizza/ui";
import { useQueryClient } from "@tanstack/react-query";

/** The driver app's worker is Workbox's (vite-plugin-pwa registers it), with push-sw.js imported. */
const workbox = () => navigator.serviceWorker.ready;

/**
 * "Get offers on a locked phone": the notification permission is asked only when the driver presses the
 * button (never on load); "Turn off" removes the subscription here and on the server.
 */
export function PushToggle() {
  const push = usePushSubscription("driver", workbox);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Whether push can be chosen in the settings below depends on this phone's subscription.
  const after = (change: Promise<unknown>) =>
    void change.then(() =>
      queryClient.invalidateQueries({ queryKey: trpc.notifications.preferences.queryKey() }),
    );
  if (!push.available) return null;
  return (
    <section className="card stack push-toggle" aria-labelledby="push-title" data-testid="push-toggle">
      <h2 id="push-title">Notifications</h2>
      {push.state === "on" ? (
        <>
          <p className="muted" role="status">
            On: new offers, orders ready to pick up and shift reminders reach this phone even when the app is
            closed.
          </p>
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={push.busy}
            onClick={() => after(push.turnOff())}
          >
            Turn off notifications
          </button>
        </>
      ) : push.state === "blocked" ? (
        <p className="muted" role="status">
          Notifications are blocked for this app. Allow them in your browser's site settings to get offers on
          a locked phone.
        </p>
      ) : (
        <>
          <p className="muted">
            Get new offers, ready orders and shift reminders even when the app is closed.
          </p>
          <button type="button" className="button" disabled={push.busy} onClick={() => after(push.turnOn())}>
            Turn on notifications
          </button>
        </>
      )}
      <FormError message={push.problem ?? ""} />
    </section>
  );
}
