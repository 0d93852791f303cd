import { initTRPC, TRPCError } from "@trpc/server";
import type { CreateFastifyContextOptions } from "@trpc/server/adapters/fastify";
import type { Logger } from "pino";
import { z } from "zod";
import { AppError } from "./errors.ts";
import { callerLocale, type LocaleHints, localeHints } from "./i18n/caller-locale.ts";
import { msg } from "./i18n/message.ts";
import { hintedLocale, sayError, translate } from "./i18n/translate.ts";
import { databaseBusyError } from "./infra/db-retry.ts";
import { hasOpsToken } from "./infra/http-security.ts";
import { resolveStaffStore } from "./modules/auth/store-access.ts";
import type { AuthUser } from "./modules/auth/tokens.ts";
import type { Platform } from "./platform.ts";

export interface Context {
  platform: Platform;
  services: Platform["services"];
  user: AuthUser | null;
  requestId: string;
  ip: string;
  log: Logger;
  /** The request carries `Authorization: Bearer <METRICS_TOKEN>` (operations details, e.g. health.status). */
  ops?: boolean;
  /** What the request says about its language; `callerLocale(ctx)` decides (i18n/caller-locale.ts). */
  languages: LocaleHints;
}

/** The context without HTTP: tests and workers build it directly and call `createCaller` on it. */
export function createContextInner(opts: {
  platform: Platform;
  user?: AuthUser | null;
  requestId?: string;
  ip?: string;
  log?: Logger;
  ops?: boolean;
  /** The app's language (what `x-locale` carries over HTTP). */
  locale?: string;
  acceptLanguage?: string;
}): Context {
  return {
    platform: opts.platform,
    services: opts.platform.services,
    user: opts.user ?? null,
    requestId: opts.requestId ?? crypto.randomUUID(),
    ip: opts.ip ?? "127.0.0.1",
    log: opts.log ?? opts.platform.log,
    ...(opts.ops ? { ops: true } : {}),
    languages: { chosenLocale: opts.locale, acceptLanguage: opts.acceptLanguage },
  };
}

export function contextFactory(platform: Platform) {
  return async ({ req }: CreateFastifyContextOptions): Promise<Context> => {
    const header = req.headers.authorization;
    const token = header?.startsWith("Bearer ") ? header.slice(7) : undefined;
    const user = token ? ((await platform.tokens.verify(token)) ?? null) : null;
    return createContextInner({
      platform,
      user,
      requestId: String(req.id),
      ip: req.ip,
      log: req.log as unknown as Logger,
      ops: hasOpsToken(req, platform.config.http.metricsToken),
      ...definedHints(localeHints(req.headers)),
    });
  };
}

const definedHints = (h: LocaleHints) => ({
  ...(h.chosenLocale ? { locale: h.chosenLocale } : {}),
  ...(h.acceptLanguage ? { acceptLanguage: h.acceptLanguage } : {}),
});

/** "email: Enter a valid email address." — one readable line for a form that has several problems. */
function readableZodMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join(" ");
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const zodError = error.cause instanceof z.ZodError ? error.cause : undefined;
    const appError = error.cause instanceof AppError ? error.cause : undefined;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      message: internal
        ? translate(msg("server.internal"), ctx && hintedLocale(ctx.languages))
        : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        zodError: zodError ? z.flattenError(zodError) : null,
        details: appError?.details ?? null,
      },
    };
  },
});

/**
 * The `Retry-After` (seconds) for an HTTP answer: the longest wait any AppError of the batch asks for
 * in `details.retryAfterSeconds` (or `details.retryAfterMs`), so every 429 tells the client when to come back.
 */
export function retryAfterSeconds(errors: readonly TRPCError[]): number | undefined {
  let wait: number | undefined;
  for (const error of errors) {
    const details = error.cause instanceof AppError ? error.cause.details : undefined;
    const seconds =
      typeof details?.retryAfterSeconds === "number"
        ? details.retryAfterSeconds
        : typeof details?.retryAfterMs === "number"
          ? details.retryAfterMs / 1000
          : undefined;
    if (seconds !== undefined && seconds > 0) wait = Math.max(wait ?? 0, Math.ceil(seconds));
  }
  return wait;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Domain code throws AppError; here it becomes the TRPCError with the same code and its sentence in the
 * caller's language (a catalog message; English-only sentences stay as they are). Input
 * that fails its zod schema gets a readable message here too, so in-process callers see what HTTP clients see.
 */
const appErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok) {
    // A database too busy to answer (or a race lost after the retries) is a 409/503, not a 500.
    const cause = databaseBusyError(result.error.cause) ?? result.error.cause;
    if (cause instanceof AppError) {
      const message = cause.key ? sayError(cause, await callerLocale(ctx)) : cause.message;
      throw new TRPCError({ code: cause.code, message, cause });
    }
    if (cause instanceof z.ZodError && result.error.code === "BAD_REQUEST") {
      throw new TRPCError({ code: "BAD_REQUEST", message: readableZodMessage(cause), cause });
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(appErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHORIZED", msg("auth.signInFirst"));
  return next({ ctx: { ...ctx, user: ctx.user } });
});

const roleProcedure = (...roles: AuthUser["role"][]) =>
  protectedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new AppError("FORBIDDEN", msg("auth.notAllowed"));
    }
    return next({ ctx });
  });

export const customerProcedure = roleProcedure("customer", "admin");
export const driverProcedure = roleProcedure("driver");
/** Staff of a store, or an admin (who may act for any store). */
export const staffProcedure = roleProcedure("staff", "admin");
export const adminProcedure = roleProcedure("admin");

/**
 * Staff working on one store: the store comes from the input's `storeId` (optional for staff, who get
 * their own store; required for admins) and membership is checked here, once. Another store's id answers
 * NOT_FOUND, like a store that does not exist. The procedure sees `ctx.storeId`.
 */
export const storeStaffProcedure = staffProcedure
  .input(z.object({ storeId: z.uuid("Store id must be a UUID.").optional() }))
  .use(({ ctx, input, next }) =>
    next({ ctx: { ...ctx, storeId: resolveStaffStore(ctx.user, input.storeId) } }),
  );
