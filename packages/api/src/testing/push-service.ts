// A local push service for tests, answering as RFC 8030 push services do: each device it hands out is a
// browser's PushSubscription (endpoint on this server, a P-256 key pair and an auth secret the test holds).
// A POST must carry `Content-Encoding: aes128gcm`, a TTL and a VAPID `Authorization: vapid t=<JWT>, k=<key>`
// whose ES256 signature (checked with jose), audience (this origin), expiry (≤ 24 h) and subject are valid,
// and signed by the key the device subscribed with (else 403, as FCM answers); the body is decrypted with
// the device's private key (http_ece, RFC 8291) and kept. `gone(device)` makes it answer 410, `fail(n)` 503.
/// <reference path="./http-ece.d.ts" />
import { createECDH, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { decrypt } from "http_ece";
import { importJWK, jwtVerify } from "jose";
import type { Page } from "playwright-core";
import { until } from "./signals.ts";

export interface PushedMessage {
  deviceId: string;
  ttl: number;
  urgency: string | undefined;
  subject: string;
  payload: Record<string, unknown>;
}

export interface TestDevice {
  id: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
}

async function vapidSubject(req: IncomingMessage, origin: string, expectedKey: string): Promise<string> {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? "");
  if (!m) throw Object.assign(new Error("missing or malformed VAPID authorization"), { status: 401 });
  const [, token, k] = m;
  if (k !== expectedKey)
    throw Object.assign(new Error("VAPID key is not the subscription's"), { status: 403 });
  const raw = Buffer.from(k!, "base64url");
  const key = await importJWK(
    {
      kty: "EC",
      crv: "P-256",
      x: raw.subarray(1, 33).toString("base64url"),
      y: raw.subarray(33, 65).toString("base64url"),
    },
    "ES256",
  );
  const { payload } = await jwtVerify(token!, key, { audience: origin, algorithms: ["ES256"] }).catch(
    (error: Error) => {
      throw Object.assign(error, { status: 403 });
    },
  );
  if (!payload.exp || payload.exp > Date.now() / 1000 + 24 * 3600)
    throw Object.assign(new Error("VAPID expiry more than 24 h ahead"), { status: 403 });
  if (!/^(mailto:|https:)/.test(String(payload.sub)))
    throw Object.assign(new Error("VAPID subject is not mailto: or https:"), { status: 403 });
  return String(payload.sub);
}

export async function startTestPushService(vapidPublicKey: () => string) {
  const devices = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: string; gone: boolean }>();
  const received: PushedMessage[] = [];
  const refusals: { deviceId: string; status: number; reason: string }[] = [];
  let failNext = 0;
  let origin = "";

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const id = /^\/push\/([\w-]+)$/.exec(req.url ?? "")?.[1] ?? "";
      const refuse = (status: number, reason: string) => {
        refusals.push({ deviceId: id, status, reason });
        res.writeHead(status, { "content-type": "text/plain" }).end(reason);
      };
      const device = devices.get(id);
      if (req.method !== "POST" || !device) return refuse(404, "no such subscription");
      if (device.gone) return refuse(410, "push subscription has unsubscribed or expired");
      if (failNext > 0) {
        failNext--;
        return refuse(503, "service unavailable, try again");
      }
      if (req.headers["content-encoding"] !== "aes128gcm")
        return refuse(400, "content-encoding must be aes128gcm");
      const ttl = Number(req.headers.ttl);
      if (!Number.isInteger(ttl) || ttl < 0) return refuse(400, "TTL header missing");
      vapidSubject(req, origin, vapidPublicKey()).then(
        (subject) => {
          let payload: Record<string, unknown>;
          try {
            const plain = decrypt(Buffer.concat(chunks), {
              version: "aes128gcm",
              privateKey: device.ecdh,
              authSecret: device.auth,
            });
            payload = JSON.parse(plain.toString("utf8")) as Record<string, unknown>;
          } catch (error) {
            return refuse(400, `cannot decrypt: ${(error as Error).message}`);
          }
          const urgency = req.headers.urgency as string | undefined;
          received.push({ deviceId: id, ttl, urgency, subject, payload });
          res.writeHead(201, { location: `${origin}/message/${received.length}` }).end();
        },
        (error: Error & { status?: number }) => refuse(error.status ?? 401, error.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    received,
    refusals,
    /** A new browser subscription on this service. */
    device(): TestDevice {
      const id = randomBytes(8).toString("hex");
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16).toString("base64url");
      devices.set(id, { ecdh, auth, gone: false });
      return {
        id,
        subscription: {
          endpoint: `${origin}/push/${id}`,
          keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth },
        },
      };
    },
    /** The device unsubscribed: its endpoint answers 410 from now on. */
    gone(device: TestDevice) {
      devices.get(device.id)!.gone = true;
    },
    /** The next `n` pushes are answered 503 (an outage). */
    fail(n: number) {
      failNext = n;
    },
    /** Resolves with the first decrypted message `match` accepts. */
    waitFor(what: string, match: (m: PushedMessage) => boolean, timeoutMs = 20_000) {
      return until(what, () => received.find(match), timeoutMs);
    },
    to: (device: TestDevice) => received.filter((m) => m.deviceId === device.id),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestPushService = Awaited<ReturnType<typeof startTestPushService>>;

/**
 * For `context.addInitScript(pushManagerStandIn, device.subscription)`: Chromium cannot reach a real push
 * service in tests, so `PushManager.subscribe` answers with a device of the local push service (kept across
 * reloads, as a real subscription is) and records the applicationServerKey it was given (`window.__pushKey`).
 * Runs in the page: self-contained.
 */
export function pushManagerStandIn(sub: TestDevice["subscription"]): void {
  type Proto = Record<string, unknown>;
  const g = globalThis as unknown as {
    PushManager?: { prototype: Proto };
    sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
    btoa(s: string): string;
    __pushKey?: string;
  };
  if (!g.PushManager) return;
  const subscribed = (on?: boolean) => {
    if (on !== undefined) g.sessionStorage.setItem("test-push-subscribed", String(on));
    return g.sessionStorage.getItem("test-push-subscribed") === "true";
  };
  const fake = {
    endpoint: sub.endpoint,
    expirationTime: null,
    toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
    unsubscribe: async () => {
      subscribed(false);
      return true;
    },
  };
  g.PushManager.prototype.subscribe = async (options?: { applicationServerKey?: ArrayBuffer }) => {
    const key = new Uint8Array(options?.applicationServerKey as ArrayBuffer);
    g.__pushKey = g
      .btoa(String.fromCharCode(...key))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    subscribed(true);
    return fake;
  };
  g.PushManager.prototype.getSubscription = async () => (subscribed() ? fake : null);
}

/**
 * Delivers `payload` to the service worker registered for `scope` (e.g. `${url}/driver/`) as the browser's
 * push service would, through CDP `ServiceWorker.deliverPushMessage`.
 */
export async function deliverToServiceWorker(page: Page, scope: string, payload: unknown): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const registrationId = await new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const r = registrations.find((x) => x.scopeURL === scope && !x.isDeleted);
        if (r) resolve(r.registrationId);
      });
      void cdp.send("ServiceWorker.enable");
    });
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: new URL(scope).origin,
      registrationId,
      data: JSON.stringify(payload),
    });
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  actions: { action: string; title: string }[];
  data: { url: string };
}

/**
 * Delivers `payload` to the page's service worker and answers the notifications it then shows. A push
 * delivered while the browser is still settling its registration (after a reload) can be dropped, as a real
 * push service's retry would cover: so it is delivered again, up to four times, until one shows (the
 * notification's tag makes a repeat replace it, never add a second).
 */
export async function deliverUntilShown(
  page: Page,
  scope: string,
  payload: unknown,
): Promise<ShownNotification[]> {
  for (let attempt = 1; ; attempt++) {
    await deliverToServiceWorker(page, scope, payload);
    try {
      return await shownNotifications(page, scope, attempt < 4 ? 5_000 : 20_000);
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}

/** The notifications the page's service worker (`scope`) shows now, once there is at least one. */
export function shownNotifications(
  page: Page,
  scope: string,
  timeoutMs?: number,
): Promise<ShownNotification[]> {
  const read = () =>
    page.evaluate(async (s) => {
      const w = globalThis as unknown as {
        navigator: { serviceWorker: { getRegistration(s: string): Promise<unknown> } };
      };
      const registration = (await w.navigator.serviceWorker.getRegistration(s)) as {
        getNotifications(): Promise<ShownNotification[]>;
      };
      const list = await registration.getNotifications();
      return list.map((n) => ({
        title: n.title,
        body: n.body,
        tag: n.tag,
        actions: n.actions.map((a) => ({ action: a.action, title: a.title })),
        data: n.data,
      }));
    }, scope);
  return until(
    "a notification on screen",
    async () => {
      const list = await read();
      return list.length > 0 ? list : null;
    },
    timeoutMs,
  );
}
