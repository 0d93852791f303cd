import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { repoRoot } from "./env.ts";
import type { TrustProxy } from "./env-http.ts";
import { blobRoutesOf } from "./infra/blob-routes.ts";
import { registerHttpSecurity } from "./infra/http-security.ts";
import { devMailboxRoutes } from "./infra/notifier-dev-mailbox-routes.ts";
import { devMailboxOf } from "./infra/notifier-router.ts";
import { registerOpsRoutes } from "./infra/ops-routes.ts";
import { oidcRoutes } from "./modules/auth/oidc-routes.ts";
import { helpPhotoRoutes } from "./modules/help/help-photo-routes.ts";
import { menuFastPath } from "./modules/menu/menu.response.ts";
import { menuImageRoutes } from "./modules/menu/menu-image-routes.ts";
import { RoutedGateway } from "./modules/payments/gateway/routed-gateway.ts";
import { simulatedPayPalRoutes } from "./modules/payments/simulated-paypal-routes.ts";
import { stripeWebhookRoutes } from "./modules/payments/webhooks.ts";
import type { Platform } from "./platform.ts";
import { attachRealtime } from "./realtime/socket-server.ts";
import { type AppRouter, appRouter } from "./root.ts";
import { contextFactory, retryAfterSeconds } from "./trpc.ts";

/** The three apps and the paths they are served under by the API in `npm start`. */
export const APPS = [
  { name: "customer-web", prefix: "/" },
  { name: "driver-pwa", prefix: "/driver/" },
  { name: "store-console", prefix: "/store/" },
] as const;

/** Fastify's trustProxy: a hop count as proxy-addr's function (believe the `hops` nearest addresses). */
function trustProxyOption(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === "number" ? (_address, hop) => hop < trust : trust;
}

/** One HTTP server: tRPC at /trpc, health and metrics, webhooks, the built apps, (Socket.IO attaches to it). */
export async function createServer(platform: Platform): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: platform.log as FastifyBaseLogger,
    // A caller's request id is kept when it looks sane, so one id follows a request across services.
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    // Off unless TRUST_PROXY names our own proxies: otherwise any client could pick its X-Forwarded-For.
    trustProxy: trustProxyOption(platform.config.trustProxy),
  });

  app.addHook("onRequest", async (req, reply) => {
    if (!/^[\w-]{1,64}$/.test(String(req.id))) req.id = randomUUID();
    reply.header("x-request-id", req.id);
  });
  // CSP, nosniff, Referrer-Policy, frame denial, HSTS over TLS, CORS allow-list (infra/http-security.ts).
  const gateway = platform.services.payments.gateway;
  await registerHttpSecurity(app, platform.config, {
    stripe: gateway.name === "stripe" && gateway.publishableKey !== null,
  });
  observeResponses(app, platform);

  // The public learns ready or not; the components and breakers only with the operations token.
  registerOpsRoutes(app, {
    token: platform.config.http.metricsToken,
    registry: platform.metrics.registry,
    readiness: () => platform.readiness(),
  });

  // The dev mailbox's messages; the route does not exist in production.
  const mailbox = devMailboxOf(platform.notifier);
  if (platform.config.env !== "production" && mailbox) await app.register(devMailboxRoutes(mailbox));

  // Cached menus by store id are answered before tRPC (same bytes; anything else falls through to it).
  app.addHook("onRequest", menuFastPath(platform.services.menu));
  await app.register(stripeWebhookRoutes(platform.services.payments));
  const secureCookies = platform.config.http.publicHttps; // OpenID sign-in: /auth/oidc/:provider/start, /callback
  await app.register(oidcRoutes(platform.services.auth.oidc, { secureCookies }));
  if (gateway instanceof RoutedGateway && gateway.simulatedPayPal)
    await app.register(simulatedPayPalRoutes(gateway.simulatedPayPal));
  await app.register(blobRoutesOf(platform.blobs, platform.config.blob.maxUploadBytes));
  // The menu's item and promo pictures, public and immutable (content-hashed names).
  await app.register(menuImageRoutes(platform.blobs));
  await app.register(
    helpPhotoRoutes({
      db: platform.db,
      limiter: platform.rateLimiter,
      tokens: platform.tokens,
      blobs: platform.blobs,
    }),
  );
  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: contextFactory(platform),
      responseMeta({ errors }) {
        const wait = retryAfterSeconds(errors);
        return wait === undefined ? {} : { headers: { "retry-after": String(wait) } };
      },
      onError({ error, path, ctx }) {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          (ctx?.log ?? platform.log).error({ err: error.cause ?? error, path }, "procedure failed");
        }
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });

  // Socket.IO shares the HTTP server; its connections are closed before the server stops listening.
  const realtime = attachRealtime(platform, app.server);
  app.addHook("preClose", () => realtime.close());

  if (platform.config.serveApps) await serveApps(app);
  return app;
}

/** Every response: its duration in the metrics by route and status, a 5xx logged as an error. */
function observeResponses(app: FastifyInstance, platform: Platform) {
  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    platform.metrics.httpDuration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (reply.statusCode >= 500)
      req.log.error({ statusCode: reply.statusCode, url: req.url }, "request failed");
    else
      req.log.debug(
        { statusCode: reply.statusCode, url: req.url, ms: reply.elapsedTime },
        "request completed",
      );
  });
}

async function serveApps(app: FastifyInstance) {
  const served: { prefix: string; root: string }[] = [];
  for (const [i, a] of APPS.entries()) {
    const root = join(repoRoot, "apps", a.name, "dist");
    if (!existsSync(join(root, "index.html"))) continue;
    await app.register(fastifyStatic, {
      root,
      prefix: a.prefix,
      decorateReply: i === 0,
      wildcard: false,
      index: "index.html",
    });
    served.push({ prefix: a.prefix, root });
  }
  // "/driver" and "/store" without the slash would otherwise fall to the customer app.
  for (const a of APPS.filter((x) => x.prefix !== "/")) {
    app.get(a.prefix.slice(0, -1), (_req, reply) => reply.redirect(a.prefix, 308));
  }
  // Client-side routes (e.g. /track/123, /driver/shift) get their app's index.html.
  app.setNotFoundHandler((req, reply) => {
    const accept = req.headers.accept ?? "";
    const app = served
      .filter((s) => req.url.startsWith(s.prefix))
      .sort((a, b) => b.prefix.length - a.prefix.length)[0];
    if (req.method === "GET" && app && accept.includes("text/html")) {
      return reply.sendFile("index.html", app.root);
    }
    return reply.code(404).send({ error: "Not Found", message: `No route for ${req.method} ${req.url}` });
  });
}
