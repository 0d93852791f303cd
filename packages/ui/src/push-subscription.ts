// Web Push for an app (driver PWA, customer web): whether this browser is subscribed, and turning it on
// (the notification permission is asked here, so only from a button the person pressed) and off, with the
// server's VAPID key (`notifications.pushKey`) and its subscription procedures.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useTRPC } from "./api-provider.tsx";
import { errorMessage } from "./errors.ts";

export type PushState = "unsupported" | "checking" | "off" | "on" | "blocked";

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

/**
 * `registration` finds the app's service worker (the driver app's Workbox worker: `navigator.serviceWorker.ready`;
 * the customer web registers `push-sw.js`). `available` is false when the browser cannot push or the
 * server has push off: then show nothing.
 */
export function usePushSubscription(
  app: "driver" | "customer",
  registration: () => Promise<ServiceWorkerRegistration>,
) {
  const trpc = useTRPC();
  const key = useQuery({ ...trpc.notifications.pushKey.queryOptions(), staleTime: Number.POSITIVE_INFINITY });
  const subscribe = useMutation(trpc.notifications.subscribePush.mutationOptions());
  const unsubscribe = useMutation(trpc.notifications.unsubscribePush.mutationOptions());
  const [state, setState] = useState<PushState>(supported() ? "checking" : "unsupported");
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!supported()) return;
    if (Notification.permission === "denied") return setState("blocked");
    let live = true;
    registration()
      .then((r) => r.pushManager.getSubscription())
      .then((s) => live && setState(s && Notification.permission === "granted" ? "on" : "off"))
      .catch(() => live && setState("off"));
    return () => {
      live = false;
    };
  }, [registration]);

  const turnOn = useCallback(async () => {
    setProblem(null);
    const publicKey = key.data?.publicKey;
    if (!publicKey) return setProblem("Notifications are not set up on this server.");
    const permission = await Notification.requestPermission();
    if (permission !== "granted") return setState(permission === "denied" ? "blocked" : "off");
    try {
      const reg = await registration();
      const sub = await reg.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey),
      });
      const keys = sub.toJSON().keys ?? {};
      await subscribe.mutateAsync({
        app,
        subscription: { endpoint: sub.endpoint, keys: { p256dh: keys.p256dh ?? "", auth: keys.auth ?? "" } },
      });
      setState("on");
    } catch (error) {
      setProblem(`Could not turn on notifications: ${errorMessage(error)}`);
    }
  }, [app, key.data, registration, subscribe]);

  const turnOff = useCallback(async () => {
    setProblem(null);
    const sub = await registration()
      .then((r) => r.pushManager.getSubscription())
      .catch(() => null);
    if (sub) {
      await unsubscribe.mutateAsync({ endpoint: sub.endpoint }).catch(() => undefined);
      await sub.unsubscribe().catch(() => undefined);
    }
    setState("off");
  }, [registration, unsubscribe]);

  return {
    state,
    available: state !== "unsupported" && state !== "checking" && key.data?.publicKey != null,
    busy: subscribe.isPending || unsubscribe.isPending,
    problem,
    turnOn,
    turnOff,
  };
}
