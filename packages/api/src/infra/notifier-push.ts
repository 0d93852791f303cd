// Web Push (RFC 8030 + 8291 + 8292): the `web-push` library encrypts the payload to the subscription's keys
// (aes128gcm) and signs the VAPID JWT; the request itself goes out with fetch, so a timeout is ours and a
// local push service (tests, development) may be plain http. What the push service answers decides:
// 201/2xx sent; 404/410 the subscription is gone (`PushGoneError`, the caller deletes it); 400/401/403/413
// will never work (`PermanentDeliveryError`); 429, 5xx and network errors are worth a retry (plain Error).
import webpush from "web-push";
import { PermanentDeliveryError } from "./notifier-errors.ts";
import type { PushConfig } from "./push-config.ts";

/** What pushes are about (the notification kinds of the push channel). */
export type PushKind = "driver_offer" | "order_ready" | "shift_reminder" | "order_status";

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushOptions {
  /** Seconds the push service keeps the message for an offline device (0: now or never). */
  ttlSeconds: number;
  urgency?: "very-low" | "low" | "normal" | "high";
  /** Replaces an undelivered message with the same topic (≤ 32 base64url characters). */
  topic?: string;
}

/** The push service says the subscription no longer exists (404 or 410): delete it, never retry. */
export class PushGoneError extends PermanentDeliveryError {
  constructor(readonly status: number) {
    super(`the push service answered ${status}: the subscription is gone`);
  }
}

export class WebPushSender {
  constructor(
    private readonly vapid: Pick<PushConfig, "publicKey" | "privateKey" | "subject">,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(target: PushTarget, payload: string, options: PushOptions): Promise<void> {
    const request = webpush.generateRequestDetails(target, payload, {
      vapidDetails: this.vapid,
      TTL: Math.max(0, Math.floor(options.ttlSeconds)),
      urgency: options.urgency ?? "normal",
      contentEncoding: "aes128gcm",
      ...(options.topic ? { topic: options.topic } : {}),
    });
    let response: Response;
    try {
      response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body ? Uint8Array.from(request.body) : null,
        redirect: "error",
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(`the push service could not be reached: ${(error as Error).message}`);
    }
    if (response.ok) return;
    const detail = (await response.text().catch(() => "")).slice(0, 200);
    const said = `the push service answered ${response.status}${detail ? `: ${detail}` : ""}`;
    if (response.status === 404 || response.status === 410) throw new PushGoneError(response.status);
    if ([400, 401, 403, 413].includes(response.status)) throw new PermanentDeliveryError(said);
    throw new Error(said);
  }
}
