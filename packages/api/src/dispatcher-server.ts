// A dispatcher's small HTTP side: liveness, readiness (its zones with the operations token) and metrics,
// like an API node's, and nothing else (no tRPC, no apps).
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { DispatcherPlatform } from "./dispatcher-platform.ts";
import { registerOpsRoutes } from "./infra/ops-routes.ts";

export function createDispatcherServer(platform: DispatcherPlatform): FastifyInstance {
  const app = Fastify({ loggerInstance: platform.log as FastifyBaseLogger, bodyLimit: 1024 });
  registerOpsRoutes(app, {
    token: platform.config.http.metricsToken,
    registry: platform.metrics.registry,
    readiness: () => platform.readiness(),
  });
  return app;
}
