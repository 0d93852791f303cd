// The openid-client (v6) side of a sign-in: the provider's metadata (discovered once, retried after a
// failure), the authorization URL with state, nonce and the PKCE challenge (S256), and the code exchange,
// where openid-client checks the state, the `iss` parameter, the ID token (signature, issuer, audience,
// expiry) and its nonce, and sends the PKCE verifier the provider checks.
import * as oidc from "openid-client";
import type { OidcConfig, OidcProviderConfig } from "../../env-oidc.ts";

export interface OidcClaims {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

/** Why a code exchange failed, in the terms the sign-in page explains. */
export type ExchangeFailure = "nonce" | "state" | "refused";

export class OidcExchangeError extends Error {
  constructor(
    readonly reason: ExchangeFailure,
    cause: unknown,
  ) {
    super(`OpenID code exchange failed: ${reason}`, { cause });
  }
}

const SCOPE = "openid email profile";

export class OidcClients {
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(private readonly config: OidcConfig) {}

  get providers(): OidcProviderConfig[] {
    return this.config.providers;
  }

  provider(id: string): OidcProviderConfig | undefined {
    return this.config.providers.find((p) => p.id === id);
  }

  /** Where the provider is to send the browser back: PUBLIC_URL's origin, else (not production) the request's. */
  redirectUri(provider: OidcProviderConfig, requestOrigin: string): string {
    return `${this.config.publicUrl ?? requestOrigin}/auth/oidc/${provider.id}/callback`;
  }

  async authorizationUrl(
    provider: OidcProviderConfig,
    checks: { state: string; nonce: string; verifier: string; redirectUri: string },
  ): Promise<URL> {
    const configuration = await this.configuration(provider);
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: checks.redirectUri,
      scope: SCOPE,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: "S256",
    });
  }

  /** The provider's answer at the callback turned into verified claims, or an OidcExchangeError saying why not. */
  async exchange(
    provider: OidcProviderConfig,
    callbackUrl: URL,
    checks: { state: string; nonce: string; verifier: string },
  ): Promise<OidcClaims> {
    const configuration = await this.configuration(provider);
    let claims: Record<string, unknown> & { sub: string };
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.verifier,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
      // Many providers put the email in the ID token; the others answer it at userinfo (for the same subject).
      if (typeof claims.email !== "string")
        claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)), ...claims };
    } catch (error) {
      throw new OidcExchangeError(failureOf(error), error);
    }
    return {
      subject: claims.sub,
      email: typeof claims.email === "string" ? claims.email.trim().toLowerCase() : undefined,
      // Only a literal true counts (some providers send the string "true"; it is not taken on trust).
      emailVerified: claims.email_verified === true,
      name: typeof claims.name === "string" ? claims.name : undefined,
    };
  }

  private configuration(provider: OidcProviderConfig): Promise<oidc.Configuration> {
    let found = this.configurations.get(provider.id);
    if (!found) {
      const insecure = provider.issuer.startsWith("http:") && this.config.allowHttpIssuers;
      found = oidc.discovery(
        new URL(provider.issuer),
        provider.clientId,
        provider.clientSecret,
        undefined,
        insecure ? { execute: [oidc.allowInsecureRequests] } : {},
      );
      // A provider that was down is asked again at the next sign-in.
      found.catch(() => this.configurations.delete(provider.id));
      this.configurations.set(provider.id, found);
    }
    return found;
  }
}

/** A nonce or state that does not match is named; anything else (PKCE refused, a bad token) is a refusal. */
function failureOf(error: unknown): ExchangeFailure {
  for (let e = error as { cause?: unknown; claim?: unknown; message?: unknown } | undefined; e; ) {
    if (e.claim === "nonce" || String(e.message ?? "").includes('"nonce"')) return "nonce";
    if (String(e.message ?? "").includes('"state"')) return "state";
    e = typeof e.cause === "object" && e.cause !== null ? (e.cause as typeof e) : undefined;
  }
  return "refused";
}
