import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";

type PushState = "unsupported" | "checking" | "off" | "on" | "blocked";

const supported = () =>
  typeof window !== "undefined" &&
  "serviceWorker" in navigator &&
  "PushManager" in window &&
  "Notification" in window;

/** The VAPID key (base64url) as the bytes `pushManager.subscribe` takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

/**
 * "Get offers on a locked phone": asks for the notification permission only when the driver presses the
 * button (never on load), subscribes this phone with the server's VAPID key and registers it
 * (`notifications.subscribePush`); "Turn off" removes it here and on the server.
 */
export function PushToggle() {
  const trpc = useTRPC();
  const key = useQuery({ ...trpc.notifications.pushKey.queryOptions(), staleTime: Infinity });
  const subscribe = useMutation(trpc.notifications.subscribePush.mutationOptions());
  const unsubscribe = useMutation(trpc.notifications.unsubscribePush.mutationOptions());
  const [state, setState] = useState<PushState>(supported() ? "checking" : "unsupported");
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!supported()) return;
    if (Notification.permission === "denied") return setState("blocked");
    let live = true;
    currentSubscription()
      .then((s) => live && setState(s && Notification.permission === "granted" ? "on" : "off"))
      .catch(() => live && setState("off"));
    return () => {
      live = false;
    };
  }, []);

  const turnOn = useCallback(async () => {
    setProblem(null);
    const publicKey = key.data?.publicKey;
    if (!publicKey) return setProblem("Notifications are not set up on this server.");
    const permission = await Notification.requestPermission();
    if (permission !== "granted") return setState(permission === "denied" ? "blocked" : "off");
    try {
      const registration = await navigator.serviceWorker.ready;
      const sub = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey),
      });
      const json = sub.toJSON();
      await subscribe.mutateAsync({
        app: "driver",
        subscription: {
          endpoint: sub.endpoint,
          keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
        },
      });
      setState("on");
    } catch (error) {
      setProblem(`Could not turn on notifications: ${errorMessage(error)}`);
    }
  }, [key.data, subscribe]);

  const turnOff = useCallback(async () => {
    setProblem(null);
    const sub = await currentSubscription().catch(() => null);
    if (sub) {
      await unsubscribe.mutateAsync({ endpoint: sub.endpoint }).catch(() => undefined);
      await sub.unsubscribe().catch(() => undefined);
    }
    setState("off");
  }, [unsubscribe]);

  if (state === "unsupported" || state === "checking" || key.data?.publicKey === null) return null;
  const busy = subscribe.isPending || unsubscribe.isPending;
  return (
    <section className="card stack push-toggle" aria-labelledby="push-title" data-testid="push-toggle">
      <h2 id="push-title">Notifications</h2>
      {state === "on" ? (
        <>
          <p className="muted" role="status">
            On: new offers, orders ready to pick up and shift reminders reach this phone even when the app is
            closed.
          </p>
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={busy}
            onClick={() => void turnOff()}
          >
            Turn off notifications
          </button>
        </>
      ) : state === "blocked" ? (
        <p className="muted" role="status">
          Notifications are blocked for this app. Allow them in your browser's site settings to get offers on
          a locked phone.
        </p>
      ) : (
        <>
          <p className="muted">
            Get new offers, ready orders and shift reminders even when the app is closed.
          </p>
          <button type="button" className="button" disabled={busy || !key.data} onClick={() => void turnOn()}>
            Turn on notifications
          </button>
        </>
      )}
      {problem ? (
        <div className="alert alert--error" role="alert">
          {problem}
        </div>
      ) : null}
    </section>
  );
}
