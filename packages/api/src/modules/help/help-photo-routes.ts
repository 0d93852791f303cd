// POST /help/photos (a customer's photo for a help request, the raw image as the body, ≤ 2 MB) and
// GET /help/photos/:id (its customer, or staff of the store). Plain HTTP rather than tRPC: the body is
// bytes, larger than the API's 1 MB JSON limit. Both need the bearer token the apps already send.
import type { Database, Kysely } from "@pizza/db";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../errors.ts";
import type { RateLimiter } from "../../infra/rate-limiter.ts";
import type { AccessTokens, AuthUser } from "../auth/tokens.ts";
import { PHOTO_MAX_BYTES, PHOTO_TYPES, readPhoto, storePhoto } from "./help-photos.ts";

const STATUS: Partial<Record<AppError["code"], number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
};

export function helpPhotoRoutes(deps: {
  db: Kysely<Database>;
  limiter: RateLimiter;
  tokens: AccessTokens;
}): FastifyPluginAsync {
  return async (app) => {
    for (const type of PHOTO_TYPES)
      app.addContentTypeParser(type, { parseAs: "buffer" }, (_req, body, done) => done(null, body));

    const caller = async (req: FastifyRequest): Promise<AuthUser | undefined> => {
      const header = req.headers.authorization;
      return header?.startsWith("Bearer ") ? deps.tokens.verify(header.slice(7)) : undefined;
    };
    const fail = (reply: FastifyReply, error: unknown) => {
      if (error instanceof AppError && STATUS[error.code])
        return reply.code(STATUS[error.code]!).send({ error: error.code, message: error.message });
      throw error;
    };

    app.post("/help/photos", { bodyLimit: PHOTO_MAX_BYTES }, async (req, reply) => {
      const user = await caller(req);
      if (!user || (user.role !== "customer" && user.role !== "admin"))
        return reply.code(401).send({ error: "UNAUTHORIZED", message: "Sign in to send a photo." });
      const contentType = String(req.headers["content-type"] ?? "")
        .split(";")[0]!
        .trim();
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        return reply.code(201).send(await storePhoto(deps.db, deps.limiter, user, { bytes, contentType }));
      } catch (error) {
        return fail(reply, error);
      }
    });

    app.get<{ Params: { id: string } }>("/help/photos/:id", async (req, reply) => {
      const user = await caller(req);
      if (!user)
        return reply.code(401).send({ error: "UNAUTHORIZED", message: "Sign in to see this photo." });
      if (!/^[0-9a-f-]{36}$/i.test(req.params.id))
        return reply.code(404).send({ error: "NOT_FOUND", message: "We could not find that photo." });
      try {
        const photo = await readPhoto(deps.db, user, req.params.id);
        return reply.header("cache-control", "private, no-store").type(photo.contentType).send(photo.bytes);
      } catch (error) {
        return fail(reply, error);
      }
    });
  };
}
