// The operations endpoints every process serves (API nodes and dispatchers): /healthz (public liveness),
// /readyz (public ready or not; details with the operations token) and /metrics (the token only).
import type { FastifyInstance } from "fastify";
import type { Registry } from "prom-client";
import { hasOpsToken, refuseOps } from "./http-security.ts";

export function registerOpsRoutes(
  app: FastifyInstance,
  ops: { token: string | undefined; registry: Registry; readiness(): Promise<{ ready: boolean }> },
): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (req, reply) => {
    const readiness = await ops.readiness();
    const details = hasOpsToken(req, ops.token);
    return reply.code(readiness.ready ? 200 : 503).send(details ? readiness : { ready: readiness.ready });
  });
  app.get("/metrics", async (req, reply) => {
    if (!hasOpsToken(req, ops.token)) return refuseOps(reply, ops.token);
    return reply.header("content-type", ops.registry.contentType).send(await ops.registry.metrics());
  });
}
