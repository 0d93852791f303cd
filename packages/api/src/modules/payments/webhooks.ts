import type { FastifyPluginAsync } from "fastify";
import { WebhookSignatureError } from "./gateway/payment-gateway.ts";
import type { PaymentsService } from "./payments.service.ts";

/**
 * POST /webhooks/stripe. Registered as its own encapsulated plugin so that only this route reads
 * the body as raw bytes: Stripe's signature is computed over the exact bytes sent. A forged or
 * stale signature gets 400 before anything is read from or written to the database; a replayed
 * event gets 200 and changes nothing.
 */
export function stripeWebhookRoutes(payments: PaymentsService): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) =>
      done(null, body),
    );
    app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

    app.post("/webhooks/stripe", { bodyLimit: 512 * 1024 }, async (req, reply) => {
      const raw = Buffer.isBuffer(req.body)
        ? req.body
        : Buffer.from(typeof req.body === "string" ? req.body : "");
      const header = req.headers["stripe-signature"];
      const signature = Array.isArray(header) ? undefined : header;
      try {
        const result = await payments.handleWebhook(raw, signature);
        return reply.code(200).send({ received: true, duplicate: result.duplicate });
      } catch (error) {
        if (error instanceof WebhookSignatureError) {
          req.log.warn({ reason: error.message }, "webhook signature refused");
          return reply
            .code(400)
            .send({ error: "invalid_signature", message: "The webhook signature could not be verified." });
        }
        if (error instanceof SyntaxError) return reply.code(400).send({ error: "invalid_payload" });
        // 5xx: the gateway delivers again later.
        throw error;
      }
    });
  };
}
