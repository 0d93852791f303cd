import type { FastifyPluginAsync } from "fastify";
import { WebhookSignatureError } from "./gateway/payment-gateway.ts";
import type { PaymentsService } from "./payments.service.ts";

/**
 * POST /webhooks/stripe. Registered as its own encapsulated plugin so that only this route reads
 * the body as raw bytes: Stripe's signature is computed over the exact bytes sent. A forged or
 * stale (or future-dated) signature gets 400 before anything is read from or written to the database;
 * a replayed event gets 200 and changes nothing; a signed but malformed one gets 200 and is recorded
 * as ignored.
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
        // A signed but malformed event: 2xx so the gateway stops redelivering what cannot change.
        if (result.ignored) return reply.code(200).send({ received: true, ignored: true });
        return reply.code(200).send({ received: true, duplicate: result.duplicate });
      } catch (error) {
        if (error instanceof WebhookSignatureError) {
          req.log.warn({ reason: error.message }, "webhook signature refused");
          return reply
            .code(400)
            .send({ error: "invalid_signature", message: "The webhook signature could not be verified." });
        }
        // 5xx so the gateway delivers again later (the database was away, say), without our error text.
        req.log.error({ err: error }, "webhook could not be processed");
        return reply.code(503).send({
          error: "webhook_not_processed",
          message: "The event could not be processed now; deliver it again later.",
        });
      }
    });
  };
}
