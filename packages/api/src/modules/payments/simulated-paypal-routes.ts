import type { FastifyPluginAsync } from "fastify";
import type { SimulatedPayPal } from "./gateway/simulated-paypal.ts";

export const SIMULATED_PAYPAL_PATH = "/simulated-paypal";

/**
 * The simulated PayPal's pages on our own server (the embedded default, without PAYPAL_*): the buyer's
 * approval page, labelled SIMULATED, whose Approve / Cancel buttons send the browser back to the app.
 * The adapter reaches the simulated API in process (SimulatedPayPal.fetch), not through these routes.
 */
export function simulatedPayPalRoutes(simulation: SimulatedPayPal): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) =>
      done(null, body),
    );
    const page = async (
      req: {
        method: string;
        url: string;
        headers: Record<string, string | string[] | undefined>;
        body: unknown;
      },
      reply: import("fastify").FastifyReply,
    ) => {
      const path = req.url.slice(SIMULATED_PAYPAL_PATH.length) || "/";
      const answer = simulation.exchange(
        req.method,
        path,
        req.headers,
        typeof req.body === "string" ? req.body : "",
      );
      if ("fault" in answer) return reply.code(503).send();
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    };
    app.get(`${SIMULATED_PAYPAL_PATH}/checkoutnow`, page);
    app.post(`${SIMULATED_PAYPAL_PATH}/checkoutnow`, page);
  };
}
