import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { WebhookSignatureError } from "./gateway/payment-gateway.ts";
import { paypalSignature } from "./gateway/paypal-shapes.ts";
import type { PaymentsService } from "./payments.service.ts";

/**
 * POST /webhooks/stripe and POST /webhooks/paypal. Registered as its own encapsulated plugin so that only this route reads
 * the body as raw bytes: Stripe's signature is computed over the exact bytes sent (and PayPal's
 * verification gets them back byte for byte). A forged or
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

    const receive =
      (signatureOf: (req: FastifyRequest) => string | undefined) =>
      async (req: FastifyRequest, reply: FastifyReply) => {
        const raw = Buffer.isBuffer(req.body)
          ? req.body
          : Buffer.from(typeof req.body === "string" ? req.body : "");
        try {
          const result = await payments.handleWebhook(raw, signatureOf(req));
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
          // 5xx so the gateway delivers again later (the database or PayPal's verification was away),
          // without our error text.
          req.log.error({ err: error }, "webhook could not be processed");
          return reply.code(503).send({
            error: "webhook_not_processed",
            message: "The event could not be processed now; deliver it again later.",
          });
        }
      };

    app.post(
      "/webhooks/stripe",
      { bodyLimit: 512 * 1024 },
      receive((req) => {
        const header = req.headers["stripe-signature"];
        // PayPal's deliveries come to their own route; a JSON "signature" here is nobody's.
        return Array.isArray(header) || header?.startsWith("{") ? undefined : header;
      }),
    );
    // PayPal's deliveries carry paypal-transmission-* headers, verified by asking PayPal (paypal-gateway.ts).
    app.post(
      "/webhooks/paypal",
      { bodyLimit: 512 * 1024 },
      receive((req) => paypalSignature(req.headers)),
    );
  };
}
