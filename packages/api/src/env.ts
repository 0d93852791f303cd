import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { type BatchingSettings, batchingSettings } from "./env-batching.ts";
import { type BlobConfig, blobSettings } from "./env-blob.ts";
import { type ReplicationConfig, replicationSettings } from "./env-db.ts";
import { type DispatchPlacement, dispatchPlacement } from "./env-dispatch.ts";
import { type HttpSettings, httpEnv, httpSettings, type TrustProxy } from "./env-http.ts";
import { type NotifySettings, notifyEnv, notifySettings } from "./env-notify.ts";
import { type OidcConfig, oidcSettings } from "./env-oidc.ts";
import { type OrdersSettings, ordersEnv, ordersSettings } from "./env-orders.ts";
import { type PayPalConfig, paypalEnv, paypalSettings, refuseUnsafePayPal } from "./env-paypal.ts";
import { type RedisTarget, redisSettings } from "./env-redis.ts";
import { refuseUnsafeSms, type SmsConfig, smsEnv, smsSettings } from "./env-sms.ts";
import { loadPushConfig, type PushConfig } from "./infra/push-config.ts";

/** The repository root: defaults (.data/, the built apps) are found from here, whatever the cwd. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string")
    .optional(),
  PGLITE_DIR: z.string().min(1).optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional(),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_", "must start with sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must start with whsec_").optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().startsWith("pk_", "must start with pk_").optional(),
  /** The card gateway: `stripe` (needs the keys) or `simulated`; production must say `simulated` explicitly. */
  PAYMENTS: z.enum(["stripe", "simulated"], "must be stripe or simulated").optional(),
  ...paypalEnv,
  SEED_DEMO: bool.optional(),
  KITCHEN_AUTOPILOT: bool.optional(),
  /** How much faster than real time the demo kitchen runs (1 = a pizza bakes for 7 real minutes). */
  KITCHEN_AUTOPILOT_SPEED: z.coerce.number().min(0.01).max(10_000).default(1),
  SIM_DRIVERS: z.coerce.number().int().min(0).max(10_000).optional(),
  /** How much faster than real time the simulated drivers move (tests run them at 50×). */
  SIM_SPEED: z.coerce.number().min(0.1).max(10_000).default(1),
  /** How long a driver has to accept an offer before it goes to the next nearest. */
  DISPATCH_OFFER_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** How often this node runs the dispatcher's tick (offer timeouts, retries, oven-timed starts); 0 = never (tests tick by hand). */
  DISPATCH_TICK_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** A driver whose last position is older than this is not offered work. */
  DISPATCH_STALE_AFTER_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  ...ordersEnv,
  SERVE_APPS: bool.default(true),
  /** How messages leave: smtp (SMTP_URL), mailbox (kept in process, shown at /dev/mail), log (delivers nothing). */
  NOTIFIER: z.enum(["smtp", "mailbox", "log"], "must be smtp, mailbox or log").optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, "must be an smtp:// or smtps:// URL like smtp://user:pass@host:587")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Pizza <no-reply@pizza.localhost>"),
  ...notifyEnv,
  ...smsEnv,
  ...httpEnv,
  REVIEWS_ENABLED: bool.default(true),
  /** A Photon geocoder's base URL for address search (modules/geo); unset: the embedded demo gazetteer. */
  GEOCODER_URL: z
    .url()
    .regex(/^https?:\/\//, "must be an http(s):// URL")
    .optional(),
  /**
   * A MapLibre style (self-hosted OpenMapTiles, Protomaps…) for every app's maps; its origin joins the
   * CSP's connect-src. Unset: the maps draw the demo gazetteer's streets and landmarks, no tile server.
   */
  MAP_STYLE_URL: z
    .url()
    .regex(/^https?:\/\//, "must be an http(s):// URL")
    .optional(),
  /** The User-Agent sent to the geocoder (public Photon instances ask callers to identify themselves). */
  GEOCODER_USER_AGENT: z.string().trim().min(3, "must be at least 3 characters").max(200).optional(),
  NONCRITICAL_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(800),
  BREAKER_FAILURE_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
  BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(10).max(600_000).default(10_000),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env["NODE_ENV"];
  port: number;
  host: string;
  logLevel: Env["LOG_LEVEL"];
  databaseUrl: string | undefined;
  pgliteDir: string;
  dbPoolSize: number;
  /** A standby for lag-tolerant reads, and payments that wait for it (env-db.ts, docs/failover.md). */
  replication: ReplicationConfig;
  /** REDIS_URL or REDIS_CLUSTER_NODES (env-redis.ts); undefined: everything in process. */
  redis: RedisTarget | undefined;
  jwtSecret: string;
  stripe:
    | { secretKey: string; webhookSecret: string | undefined; publishableKey: string | undefined }
    | undefined;
  /** Which card gateway is live: Stripe (keys given) or the embedded simulation. */
  payments: "stripe" | "simulated";
  /** PayPal's REST API (env-paypal.ts); `simulated` outside production without PAYPAL_*; undefined: no PayPal. */
  paypal: PayPalConfig | "simulated" | undefined;
  seedDemo: boolean;
  kitchenAutopilot: boolean;
  kitchenAutopilotSpeed: number;
  simulatedDrivers: number;
  simSpeed: number;
  /** The dispatch engine (modules/delivery) and where it runs (env-dispatch.ts). */
  dispatch: { offerTimeoutMs: number; tickMs: number; staleAfterMs: number } & DispatchPlacement &
    BatchingSettings;
  serveApps: boolean;
  /** Text messages: the provider (Twilio's API; undefined: none configured) and the quotas every text passes. */
  sms: SmsConfig;
  /** Where the apps are served, for links in messages (PUBLIC_URL; http://localhost:PORT outside production). */
  publicUrl: string | undefined;
  /** Notifications (modules/notifications): the adapter, SMTP settings, and the sender sweep. */
  notifications: NotifySettings & {
    /** Default: smtp with SMTP_URL; development reads its mail at /dev/mail; tests read the log notifier's `sent`. */
    notifier: "smtp" | "mailbox" | "log";
    smtpUrl: string | undefined;
    mailFrom: string;
  };
  /** Web Push (VAPID; infra/push-config.ts): undefined only in production without VAPID_* (push off). */
  push: PushConfig | undefined;
  /** Blob storage (env-blob.ts, infra/blob-select.ts): S3, or the filesystem under .data/blobs. */
  blob: BlobConfig;
  /**
   * Which peers' X-Forwarded-For is believed (Fastify's `trustProxy`): false (the default: the socket's
   * address is the client), a hop count, or the addresses/CIDR ranges of our own proxies.
   */
  trustProxy: TrustProxy;
  /** Unpaid card orders' lifetime and limit, placeOrder's rate limits (env-orders.ts). */
  unpaid: OrdersSettings["unpaid"];
  placeOrderLimits: OrdersSettings["placeOrderLimits"];
  /** HTTP security (infra/http-security.ts, env-http.ts): operations token, CORS allow-list, CSP additions, HSTS. */
  http: HttpSettings;
  /** Feature switches (infra/features.ts). */
  features: { reviews: boolean };
  /** Address search (modules/geo): Photon at `url`, or the embedded demo gazetteer when unset. */
  geocoder: { url: string | undefined; userAgent: string };
  /** The street map: a MapLibre style URL, or null for the embedded gazetteer's streets. */
  map: { styleUrl: string | null };
  /** Sign-in with OpenID Connect providers (env-oidc.ts, modules/auth/oidc-*.ts). */
  oidc: OidcConfig;
  /** Circuit breaker + timeout for non-critical reads (infra/resilience.ts). */
  resilience: { timeoutMs: number; failureThreshold: number; halfOpenAfterMs: number };
}

export class ConfigError extends Error {}

/**
 * Settings that would run production on a demo adapter or without a secret stop the process: production
 * never falls back silently (no JWT secret, no database, no notifier, no payment gateway by accident).
 */
function refuseUnsafeSettings(e: z.infer<typeof envSchema>): void {
  const production = e.NODE_ENV === "production";
  if (production && !e.JWT_SECRET)
    throw new ConfigError("Invalid configuration: JWT_SECRET is required in production");
  if (production && !e.DATABASE_URL)
    throw new ConfigError("Invalid configuration: DATABASE_URL is required in production");
  if (production && !e.NOTIFIER)
    throw new ConfigError(
      "Invalid configuration: NOTIFIER is required in production (NOTIFIER=log delivers nothing and logs no message content)",
    );
  if (e.NOTIFIER === "smtp" && !e.SMTP_URL)
    throw new ConfigError("Invalid configuration: NOTIFIER=smtp needs SMTP_URL (smtp://user:pass@host:587)");
  if (production && e.NOTIFIER === "mailbox")
    throw new ConfigError(
      "Invalid configuration: NOTIFIER=mailbox is for development; production needs NOTIFIER=smtp (or NOTIFIER=log, which delivers nothing)",
    );
  refuseUnsafeSms(e, (message) => new ConfigError(message));
  refuseUnsafePayPal(e, (message) => new ConfigError(message));
  if (e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError(
      "Invalid configuration: STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set",
    );
  }
  // Production is never simulated by accident: no keys means the operator must say PAYMENTS=simulated.
  if (e.PAYMENTS === "stripe" && !e.STRIPE_SECRET_KEY)
    throw new ConfigError(
      "Invalid configuration: PAYMENTS=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET",
    );
  if (production && !e.STRIPE_SECRET_KEY && e.PAYMENTS !== "simulated") {
    throw new ConfigError(
      "Invalid configuration: STRIPE_SECRET_KEY (and STRIPE_WEBHOOK_SECRET) are required in production; set PAYMENTS=simulated to run on the simulated gateway on purpose",
    );
  }
}

/** The environment checked against its schema and the production rules (`refuseUnsafeSettings`). */
function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(
      `Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(source[name])})`,
    );
  }
  refuseUnsafeSettings(parsed.data);
  return parsed.data;
}

/** Reads and validates the environment once; a bad value names the variable in one line. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(source);
  const production = e.NODE_ENV === "production";
  const payments = e.PAYMENTS ?? (e.STRIPE_SECRET_KEY ? "stripe" : "simulated");
  const embedded = !e.DATABASE_URL;
  const pgliteDir = e.PGLITE_DIR ?? join(repoRoot, ".data/pglite");
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    pgliteDir,
    dbPoolSize: e.DB_POOL_SIZE,
    replication: replicationSettings(source, (m) => new ConfigError(m)),
    redis: redisSettings(source, (m) => new ConfigError(m)),
    jwtSecret: e.JWT_SECRET ?? localDevSecret(pgliteDir),
    // An explicit PAYMENTS=simulated wins over keys that happen to be in the environment.
    stripe:
      e.STRIPE_SECRET_KEY && payments === "stripe"
        ? {
            secretKey: e.STRIPE_SECRET_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET,
            publishableKey: e.STRIPE_PUBLISHABLE_KEY,
          }
        : undefined,
    payments,
    seedDemo: e.SEED_DEMO ?? (embedded && !production),
    kitchenAutopilot: e.KITCHEN_AUTOPILOT ?? (embedded && !production),
    kitchenAutopilotSpeed: e.KITCHEN_AUTOPILOT_SPEED,
    // The demo fleet drives in the embedded `npm start`; tests ask for one explicitly.
    simulatedDrivers: e.SIM_DRIVERS ?? (embedded && e.NODE_ENV === "development" ? 12 : 0),
    simSpeed: e.SIM_SPEED,
    dispatch: {
      offerTimeoutMs: e.DISPATCH_OFFER_TIMEOUT_MS,
      tickMs: e.DISPATCH_TICK_MS,
      staleAfterMs: e.DISPATCH_STALE_AFTER_MS,
      ...dispatchPlacement(source, (m) => new ConfigError(m)),
      ...batchingSettings(source, (m) => new ConfigError(m)),
    },
    serveApps: e.SERVE_APPS,
    sms: smsSettings(e),
    paypal: paypalSettings(e),
    publicUrl: publicUrlOf(e),
    notifications: {
      notifier: e.NOTIFIER ?? (e.SMTP_URL ? "smtp" : e.NODE_ENV === "development" ? "mailbox" : "log"),
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      ...notifySettings(e, e.NODE_ENV === "test"),
    },
    push: pushConfig(source, { production, pgliteDir, publicUrl: e.PUBLIC_URL }),
    blob: blobSettings(source, { dir: join(repoRoot, ".data/blobs") }, (m) => new ConfigError(m)),
    trustProxy: e.TRUST_PROXY,
    ...ordersSettings(e),
    http: httpSettings(e, e.MAP_STYLE_URL ? [new URL(e.MAP_STYLE_URL).origin] : []),
    features: { reviews: e.REVIEWS_ENABLED },
    geocoder: {
      url: e.GEOCODER_URL,
      userAgent: e.GEOCODER_USER_AGENT ?? "pizza-platform (address search)",
    },
    map: { styleUrl: e.MAP_STYLE_URL ?? null },
    oidc: oidcSettings(source, (m) => new ConfigError(m)),
    resilience: {
      timeoutMs: e.NONCRITICAL_TIMEOUT_MS,
      failureThreshold: e.BREAKER_FAILURE_THRESHOLD,
      halfOpenAfterMs: e.BREAKER_HALF_OPEN_MS,
    },
  };
}

function pushConfig(source: NodeJS.ProcessEnv, opts: Parameters<typeof loadPushConfig>[1]) {
  try {
    return loadPushConfig(source, opts);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${(error as Error).message}`);
  }
}

/**
 * Outside production a missing JWT_SECRET gets a random one kept beside the embedded database, so a
 * restart keeps everyone signed in. It is never committed (.data/ is ignored) and never used in production.
 */
function localDevSecret(pgliteDir: string): string {
  if (pgliteDir.startsWith("memory://")) return randomBytes(32).toString("base64url");
  const file = join(dirname(pgliteDir), "jwt-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The customer app's address for links in messages: PUBLIC_URL, else (not in production) this server. */
function publicUrlOf(e: {
  PUBLIC_URL?: string | undefined;
  NODE_ENV: string;
  PORT: number;
}): string | undefined {
  return (
    e.PUBLIC_URL?.replace(/\/+$/, "") ??
    (e.NODE_ENV === "production" ? undefined : `http://localhost:${e.PORT}`)
  );
}
