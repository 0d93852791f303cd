// Web Push in an app's service worker: emitted as `push-sw.js` by the `pushWorker()` Vite plugin
// (@pizza/ui/vite); the driver app imports it into Workbox's sw.js (`workbox.importScripts`), the customer
// web registers it on its own. The server's payload (packages/api/src/modules/notifications/push-messages.ts)
// is JSON: { kind, title, body, url, tag, expiresAt, actions?, actionUrls? }. A driver's offer shows Accept
// and Decline; tapping the notification or an action opens its page (the offer: `?offer=<id>[&do=accept]`,
// an order: `/track?order=<id>`), in the window already open when there is one.
/* eslint-env serviceworker */
const SCOPE_URL = new URL("./", self.location.href);

self.addEventListener("push", (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : null;
  } catch {
    data = null;
  }
  if (!data || typeof data.title !== "string") {
    data = { title: "Pronto Pizza", body: "Something needs your attention.", url: "./" };
  }
  // An offer that expired while the phone was asleep is not shown: it can no longer be accepted.
  if (data.expiresAt && Date.parse(data.expiresAt) <= Date.now()) return;
  const options = {
    body: data.body || "",
    tag: data.tag || undefined,
    renotify: Boolean(data.tag),
    requireInteraction: data.kind === "driver_offer",
    icon: new URL("icons/icon-192.png", SCOPE_URL).href,
    badge: new URL("icons/maskable-192.png", SCOPE_URL).href,
    actions: Array.isArray(data.actions) ? data.actions : [],
    data: { url: data.url || "./", actionUrls: data.actionUrls || {}, kind: data.kind },
  };
  event.waitUntil(self.registration.showNotification(data.title, options));
});

self.addEventListener("notificationclick", (event) => {
  const note = event.notification;
  const info = note.data || {};
  const path = (event.action && info.actionUrls?.[event.action]) || info.url || "./";
  const target = new URL(path, SCOPE_URL).href;
  note.close();
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((c) => c.url.startsWith(SCOPE_URL.href));
      // navigate() works on a window this worker controls; otherwise a new window is opened.
      const navigated = open ? await open.navigate(target).catch(() => null) : null;
      if (navigated) {
        await navigated.focus().catch(() => undefined);
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});
