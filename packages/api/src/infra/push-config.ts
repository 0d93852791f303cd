// Web Push settings (VAPID). Production takes the keys from the environment — all three of
// VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT, or none (then push is off and the start log says
// so loudly; half a configuration refuses to start). Outside production a key pair is generated at the
// first start and kept beside the embedded database (like the JWT secret), so subscriptions survive a
// restart; with PGLITE_DIR=memory:// the pair lives as long as the process.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import webpush from "web-push";
import { z } from "zod";

export interface PushConfig {
  /** The VAPID key pair (base64url: public = uncompressed P-256 point, private = 32-byte scalar). */
  publicKey: string;
  privateKey: string;
  /** Who the push services may contact about our traffic: a mailto: or https: URL. */
  subject: string;
  /** Where the keys came from: the environment, a file beside the embedded database, or this process. */
  source: "env" | "file" | "memory";
}

const b64url = (bytes: number, name: string) =>
  z
    .string()
    .trim()
    .refine(
      (v) => /^[A-Za-z0-9_-]+=*$/.test(v) && Buffer.from(v, "base64url").length === bytes,
      `${name} must be a base64url VAPID key of ${bytes} bytes (npx web-push generate-vapid-keys)`,
    );
const vapidSchema = z.object({
  VAPID_PUBLIC_KEY: b64url(65, "VAPID_PUBLIC_KEY"),
  VAPID_PRIVATE_KEY: b64url(32, "VAPID_PRIVATE_KEY"),
  VAPID_SUBJECT: z
    .string()
    .trim()
    .regex(/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/, "VAPID_SUBJECT must be a mailto: or https: URL"),
});

const NAMES = ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"] as const;

/**
 * The push configuration, or undefined when production has none (push off). Throws a message naming the
 * variable for half a configuration or a malformed key; the caller turns it into a ConfigError.
 */
export function loadPushConfig(
  source: NodeJS.ProcessEnv,
  opts: { production: boolean; pgliteDir: string; publicUrl: string | undefined },
): PushConfig | undefined {
  const given = NAMES.filter((n) => source[n] !== undefined && source[n] !== "");
  if (given.length > 0 || opts.production) {
    if (given.length === 0) return undefined;
    const missing = NAMES.filter((n) => !given.includes(n));
    if (missing.length > 0)
      throw new Error(`Web Push needs ${NAMES.join(", ")} together; ${missing.join(", ")} missing`);
    const parsed = vapidSchema.safeParse(source);
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    const e = parsed.data;
    return {
      publicKey: e.VAPID_PUBLIC_KEY,
      privateKey: e.VAPID_PRIVATE_KEY,
      subject: e.VAPID_SUBJECT,
      source: "env",
    };
  }
  const subject = opts.publicUrl?.startsWith("https:") ? opts.publicUrl : "mailto:push@pizza.localhost";
  if (opts.pgliteDir.startsWith("memory://"))
    return { ...webpush.generateVAPIDKeys(), subject, source: "memory" };
  return { ...localVapidKeys(join(dirname(opts.pgliteDir), "vapid-keys.json")), subject, source: "file" };
}

function localVapidKeys(file: string): { publicKey: string; privateKey: string } {
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, "utf8")) as { publicKey?: string; privateKey?: string };
    if (kept.publicKey && kept.privateKey) return { publicKey: kept.publicKey, privateKey: kept.privateKey };
  }
  mkdirSync(dirname(file), { recursive: true });
  const keys = webpush.generateVAPIDKeys();
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
