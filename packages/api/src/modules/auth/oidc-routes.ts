// The two browser-facing routes of an OpenID Connect sign-in (oidc-sign-in.ts holds the rules):
//   GET /auth/oidc/:provider/start?app=customer|store[&next=/cart] → 302 to the provider, with the flow cookie
//   GET /auth/oidc/:provider/callback?code&state&iss…   → 302 to the app's sign-in page, #oidc=<ticket>
// A refusal at start (unknown provider, too many starts) is a short page with the sentence (404/429).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../errors.ts";
import { cookieValue, FLOW_COOKIE, flowCookieHeader, isOidcApp } from "./oidc-flow-cookie.ts";
import type { OidcSignIn } from "./oidc-sign-in.ts";

const STATUS: Partial<Record<AppError["code"], number>> = { NOT_FOUND: 404, TOO_MANY_REQUESTS: 429 };

/** The origin the browser used (for redirect URIs when PUBLIC_URL is unset, never in production). */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export function oidcRoutes(oidc: OidcSignIn, options: { secureCookies: boolean }): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { provider: string }; Querystring: { app?: string; next?: string } }>(
      "/auth/oidc/:provider/start",
      async (req, reply) => {
        const target = isOidcApp(req.query.app) ? req.query.app : "customer";
        try {
          const to = { app: target, next: req.query.next };
          const started = await oidc.start(req.params.provider, to, originOf(req), req.ip);
          const secure = options.secureCookies || req.protocol === "https";
          if (started.cookie) reply.header("set-cookie", flowCookieHeader(started.cookie, secure));
          return noStore(reply).redirect(started.location, 302);
        } catch (error) {
          if (!(error instanceof AppError) || !STATUS[error.code]) throw error;
          const retryAfterMs = Number(error.details?.retryAfterMs ?? 0);
          if (retryAfterMs > 0) reply.header("retry-after", String(Math.ceil(retryAfterMs / 1000)));
          return noStore(reply)
            .code(STATUS[error.code]!)
            .type("text/plain; charset=utf-8")
            .send(error.message);
        }
      },
    );

    app.get<{ Params: { provider: string } }>("/auth/oidc/:provider/callback", async (req, reply) => {
      const flowCookie = cookieValue(req.headers.cookie, FLOW_COOKIE);
      const search = new URL(req.url, "http://callback.invalid").search;
      const location = await oidc.callback(req.params.provider, search, flowCookie);
      // The cookie did its one job: gone whatever the outcome, so the same answer cannot be replayed with it.
      const secure = options.secureCookies || req.protocol === "https";
      reply.header("set-cookie", flowCookieHeader(null, secure));
      return noStore(reply).redirect(location, 302);
    });
  };
}

const noStore = (reply: FastifyReply) => reply.header("cache-control", "no-store");
