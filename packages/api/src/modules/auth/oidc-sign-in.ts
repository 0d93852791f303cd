// Sign-in with an OpenID Connect provider (issue 21): authorization code + PKCE through openid-client.
// `start` remembers state, nonce and the PKCE verifier in the encrypted flow cookie and sends the browser to
// the provider; `callback` checks the cookie and the state, lets openid-client check the code exchange (PKCE,
// ID token, nonce), finds or links the account (oidc-accounts.ts) and hands the app a one-time ticket
// (oidc-tickets.ts) that `complete` trades for the platform's own tokens, issued as for a password sign-in.
// Every failure is a ticket too: the app's sign-in page says the sentence in the reader's language.
import type { Database, Kysely } from "@pizza/db";
import { randomNonce, randomPKCECodeVerifier, randomState } from "openid-client";
import type { Logger } from "pino";
import type { OidcConfig, OidcProviderConfig } from "../../env-oidc.ts";
import { AppError, type AppErrorCode, notFound } from "../../errors.ts";
import { type Message, msg } from "../../i18n/message.ts";
import type { MessageKey } from "../../i18n/messages/en.ts";
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";
import { storeRegion } from "../stores/store-region.ts";
import type { TAuthResponse } from "./auth.schemas.ts";
import { accountForIdentity } from "./oidc-accounts.ts";
import { type OidcClaims, OidcClients, OidcExchangeError } from "./oidc-clients.ts";
import { appPage, FlowCookies, type OidcApp, type OidcFlow, safeNext } from "./oidc-flow-cookie.ts";
import { issueTicket, spendTicket } from "./oidc-tickets.ts";

/** Starts per client IP address: each one costs the provider a page, so nobody drives it through us. */
export const OIDC_START_LIMITS = { perIp: 20, windowMs: 10 * 60 * 1000 };

/** How the app is told why a ticket was refused (the sign-in page shows the sentence either way). */
const REFUSAL_CODES: Partial<Record<MessageKey, AppErrorCode>> = {
  "auth.oidcAccountExists": "CONFLICT",
  "auth.oidcIdpEmailUnverified": "CONFLICT",
  "auth.staffUseIdp": "FORBIDDEN",
  "auth.oidcDenied": "FORBIDDEN",
};

export interface OidcSignInDeps {
  db: Kysely<Database>;
  rateLimiter: RateLimiter;
  clients: OidcClients;
  cookies: FlowCookies;
  sessionFor(userId: string): Promise<TAuthResponse>;
  log?: Logger | undefined;
}

/** The provider clients and the flow cookie's key of a configuration (none: no providers, no buttons). */
export function oidcParts(oidc: { config: OidcConfig; secret: string } | undefined) {
  const config = oidc?.config ?? { providers: [], publicUrl: undefined, allowHttpIssuers: false };
  return { clients: new OidcClients(config), cookies: new FlowCookies(oidc?.secret ?? "") };
}

export class OidcSignIn {
  constructor(private readonly deps: OidcSignInDeps) {}

  /** What the sign-in pages show: one "Continue with <label>" per configured provider. */
  providers(): { id: string; label: string }[] {
    return this.deps.clients.providers.map(({ id, label }) => ({ id, label }));
  }

  /** The provider's authorization URL and the sealed flow cookie; 404 for an unknown provider, 429 over the limit. */
  async start(
    providerId: string,
    to: { app: OidcApp; next?: string | undefined },
    origin: string,
    ip: string,
  ): Promise<{ location: string; cookie: string | null }> {
    const provider = this.deps.clients.provider(providerId);
    if (!provider) throw notFound("There is no such sign-in provider.");
    const limit = await this.deps.rateLimiter.hit(
      `oidc:start:ip:${ip}`,
      OIDC_START_LIMITS.perIp,
      OIDC_START_LIMITS.windowMs,
    );
    if (!limit.allowed)
      throw tooManyRequests(
        `Too many sign-ins with ${provider.label} from this network. Wait a few minutes, then try again.`,
        limit.retryAfterMs,
      );
    const flow: OidcFlow = {
      provider: provider.id,
      state: randomState(),
      nonce: randomNonce(),
      verifier: randomPKCECodeVerifier(),
      app: to.app,
      next: safeNext(to.next),
      redirectUri: this.deps.clients.redirectUri(provider, origin),
    };
    try {
      const url = await this.deps.clients.authorizationUrl(provider, flow);
      return { location: url.href, cookie: await this.deps.cookies.seal(flow) };
    } catch (error) {
      this.deps.log?.warn({ err: error, provider: provider.id }, "OpenID provider unreachable at start");
      return {
        location: await this.back(flow, msg("auth.oidcUnavailable", { provider: provider.label })),
        cookie: null,
      };
    }
  }

  /**
   * Where the callback sends the browser: its app's sign-in page with a ticket in the fragment. `search` is
   * the provider's answer (`?code=…&state=…&iss=…`, or `?error=…`).
   */
  async callback(providerId: string, search: string, cookie: string | undefined): Promise<string> {
    const flow = await this.deps.cookies.open(cookie);
    const provider = this.deps.clients.provider(providerId);
    if (!flow || !provider || flow.provider !== providerId)
      return this.back(flow ?? { app: "customer" }, msg("auth.oidcStateMissing"));
    // The registered redirect URI with the provider's answer: what openid-client checks and sends back.
    const callbackUrl = new URL(`${flow.redirectUri}${search}`);
    const refused = await this.answerRefusal(provider, flow, callbackUrl);
    if (refused) return this.back(flow, refused);
    let claims: OidcClaims;
    try {
      claims = await this.deps.clients.exchange(provider, callbackUrl, flow);
    } catch (error) {
      this.deps.log?.warn({ err: error, provider: provider.id }, "OpenID sign-in refused");
      return this.back(flow, exchangeRefusal(error, provider.label));
    }
    const outcome = await accountForIdentity(this.deps.db, provider, claims);
    if ("refused" in outcome) return this.back(flow, outcome.refused);
    const required = await this.requiredProvider(outcome.userId);
    if (required && required.id !== provider.id)
      return this.back(flow, msg("auth.staffUseIdp", { provider: required.label }));
    return `${appPage(flow)}#oidc=${await issueTicket(this.deps.db, outcome)}`;
  }

  /** The app trades the fragment's ticket for the session, or learns (in words) why there is none. */
  async complete(ticket: string): Promise<TAuthResponse> {
    const outcome = await spendTicket(this.deps.db, ticket);
    if (!outcome) throw new AppError("BAD_REQUEST", msg("auth.oidcTicketVoid"));
    if ("refused" in outcome)
      throw new AppError(REFUSAL_CODES[outcome.refused.key] ?? "BAD_REQUEST", outcome.refused, {
        reason: "oidc",
      });
    return this.deps.sessionFor(outcome.userId);
  }

  /**
   * The provider store staff of this user's region must sign in through (`staffRegions`), if any: then their
   * password is refused, and so is any other provider. A region manager's region is their own (no store).
   */
  async requiredProvider(userId: string): Promise<OidcProviderConfig | undefined> {
    const withRule = this.deps.clients.providers.filter((p) => p.staffRegions.length > 0);
    if (withRule.length === 0) return undefined;
    const user = await this.deps.db
      .selectFrom("users")
      .select(["role", "store_id", "region_code"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (user?.role !== "staff") return undefined;
    const region = user.store_id ? await storeRegion(this.deps.db, user.store_id) : user.region_code;
    return region ? withRule.find((p) => p.staffRegions.includes(region)) : undefined;
  }

  /** The provider's answer before any exchange: the state first (a forged answer stops there), then its error. */
  private async answerRefusal(
    provider: OidcProviderConfig,
    flow: OidcFlow,
    url: URL,
  ): Promise<Message | null> {
    if (url.searchParams.get("state") !== flow.state)
      return msg("auth.oidcStateMismatch", { provider: provider.label });
    const error = url.searchParams.get("error");
    if (error === "access_denied") return msg("auth.oidcDenied", { provider: provider.label });
    if (error !== null) {
      this.deps.log?.warn(
        { provider: provider.id, error: error.slice(0, 64) },
        "OpenID provider answered an error",
      );
      return msg("auth.oidcFailed", { provider: provider.label });
    }
    return null;
  }

  private async back(to: Pick<OidcFlow, "app" | "next">, refused: Message): Promise<string> {
    return `${appPage(to)}#oidc=${await issueTicket(this.deps.db, { refused })}`;
  }
}

/** A refused exchange in words; an error that is not openid-client's verdict means the provider did not answer. */
function exchangeRefusal(error: unknown, provider: string): Message {
  if (!(error instanceof OidcExchangeError)) return msg("auth.oidcUnavailable", { provider });
  if (error.reason === "nonce") return msg("auth.oidcNonce", { provider });
  if (error.reason === "state") return msg("auth.oidcStateMismatch", { provider });
  return msg("auth.oidcFailed", { provider });
}
