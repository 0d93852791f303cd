// POST /help/photos (a customer's photo for a help request, the raw image as the body, ≤ 2 MB) and
// GET /help/photos/:id (its customer, or staff of the store). Plain HTTP rather than tRPC: the body is
// bytes, larger than the API's 1 MB JSON limit. Both need the bearer token the apps already send. The
// photo itself is kept in the blob store (help-photos.ts); the tRPC pair help.photoUploadLink and
// help.confirmPhoto upload it straight there instead.
import type { Database, Kysely } from "@pizza/db";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../errors.ts";
import { localeHints, resolveLocale } from "../../i18n/caller-locale.ts";
import { type Message, msg } from "../../i18n/message.ts";
import { sayError, translate } from "../../i18n/translate.ts";
import type { BlobStore } from "../../infra/blob-store.ts";
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
  blobs: BlobStore;
}): FastifyPluginAsync {
  return async (app) => {
    for (const type of PHOTO_TYPES)
      app.addContentTypeParser(type, { parseAs: "buffer" }, (_req, body, done) => done(null, body));

    const caller = async (req: FastifyRequest): Promise<AuthUser | undefined> => {
      const header = req.headers.authorization;
      return header?.startsWith("Bearer ") ? deps.tokens.verify(header.slice(7)) : undefined;
    };
    // Refusals in the caller's language, like the tRPC error formatter's (i18n/caller-locale.ts).
    const localeOf = (req: FastifyRequest, user: AuthUser | undefined) =>
      resolveLocale(deps.db, user?.id, localeHints(req.headers));
    const fail = async (req: FastifyRequest, reply: FastifyReply, user: AuthUser, error: unknown) => {
      if (error instanceof AppError && STATUS[error.code]) {
        const message = sayError(error, await localeOf(req, user));
        return reply.code(STATUS[error.code]!).send({ error: error.code, message });
      }
      throw error;
    };
    const refuse = async (req: FastifyRequest, reply: FastifyReply, status: 401 | 404, message: Message) =>
      reply.code(status).send({
        error: status === 401 ? "UNAUTHORIZED" : "NOT_FOUND",
        message: translate(message, await localeOf(req, undefined)),
      });

    app.post("/help/photos", { bodyLimit: PHOTO_MAX_BYTES }, async (req, reply) => {
      const user = await caller(req);
      if (!user || (user.role !== "customer" && user.role !== "admin"))
        return refuse(req, reply, 401, msg("help.signInToSend"));
      const contentType = String(req.headers["content-type"] ?? "")
        .split(";")[0]!
        .trim();
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        return reply.code(201).send(await storePhoto(deps, user, { bytes, contentType }));
      } catch (error) {
        return fail(req, reply, user, error);
      }
    });

    app.get<{ Params: { id: string } }>("/help/photos/:id", async (req, reply) => {
      const user = await caller(req);
      if (!user) return refuse(req, reply, 401, msg("help.signInToSee"));
      if (!/^[0-9a-f-]{36}$/i.test(req.params.id)) return refuse(req, reply, 404, msg("help.photoNotFound"));
      try {
        const photo = await readPhoto(deps, user, req.params.id);
        return reply.header("cache-control", "private, no-store").type(photo.contentType).send(photo.bytes);
      } catch (error) {
        return fail(req, reply, user, error);
      }
    });
  };
}
