import { createHash, timingSafeEqual } from "node:crypto";
import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../env.ts";
import { blobOrigins } from "../env-blob.ts";

/** Where Stripe.js, its frames (Payment Element, 3-D Secure) and its API live — Stripe's published CSP list. */
const STRIPE = {
  script: ["https://js.stripe.com", "https://*.js.stripe.com"],
  frame: ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
  connect: ["https://api.stripe.com"],
  img: ["https://*.stripe.com"],
};

export const HSTS = "max-age=31536000; includeSubDomains";

/**
 * The Content-Security-Policy of every answer: the apps load only their own scripts, styles, fonts and
 * workers (maplibre's tile worker is a blob: URL), talk to their own origin (tRPC, Socket.IO's ws: to
 * the same host), and may be framed by no one. Stripe's script, frames and API are added only when
 * the server takes card payments through Stripe; CSP_CONNECT_SRC adds origins (e.g. map tiles); an S3
 * blob store's origin is allowed for images and uploads.
 * No 'unsafe-inline' scripts and no 'unsafe-eval' anywhere; React's style props go through the CSSOM,
 * which style-src does not restrict.
 */
export function cspDirectives(options: {
  stripe: boolean;
  connectSrc: readonly string[];
  /** The S3 blob store's origin: images shown from it, uploads sent to it (env-blob.ts `blobOrigins`). */
  blobSrc?: readonly string[];
}) {
  const blobSrc = options.blobSrc ?? [];
  const stripe = options.stripe;
  return {
    "default-src": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "script-src": ["'self'", ...(stripe ? STRIPE.script : [])],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:", ...(stripe ? STRIPE.img : []), ...blobSrc],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(stripe ? STRIPE.connect : []), ...options.connectSrc, ...blobSrc],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
    "frame-src": stripe ? STRIPE.frame : ["'none'"],
  };
}

/**
 * Security headers (helmet), HSTS when the request came over TLS (directly, or through a proxy that
 * TRUST_PROXY believes) or PUBLIC_URL is https, and CORS for the CORS_ORIGINS allow-list only.
 */
export async function registerHttpSecurity(
  app: FastifyInstance,
  config: Config,
  options: { stripe: boolean },
): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: cspDirectives({
        stripe: options.stripe,
        connectSrc: config.http.cspConnectSrc,
        blobSrc: blobOrigins(config.blob),
      }),
    },
    // Set below, only where the browser will keep to it for the right reason.
    strictTransportSecurity: false,
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", async (req, reply) => {
    if (config.http.publicHttps || req.protocol === "https") reply.header("strict-transport-security", HSTS);
  });
  if (config.http.corsOrigins.length > 0) {
    const allowed = new Set(config.http.corsOrigins);
    await app.register(cors, {
      origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
      methods: ["GET", "HEAD", "POST"],
      allowedHeaders: ["content-type", "authorization", "x-request-id"],
      exposedHeaders: ["retry-after", "x-request-id"],
      maxAge: 600,
    });
  }
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** True when the request carries `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time). */
export function hasOpsToken(req: FastifyRequest, token: string | undefined): boolean {
  const presented = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
  return token !== undefined && presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/** The answer for /metrics without the token. */
export function refuseOps(reply: FastifyReply, token: string | undefined) {
  return reply
    .code(401)
    .header("www-authenticate", "Bearer")
    .send({
      error: "Unauthorized",
      message: token
        ? "Metrics need Authorization: Bearer <METRICS_TOKEN>."
        : "Metrics are off on this server: set METRICS_TOKEN to read them with Authorization: Bearer <token>.",
    });
}
