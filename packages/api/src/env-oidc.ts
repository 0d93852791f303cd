// Sign-in with OpenID Connect providers (modules/auth/oidc-*.ts): OIDC_PROVIDERS, a JSON list of
// { id, label, issuer, clientId, clientSecret, staffRegions? }. Unset or `[]`: no provider, no buttons.
// Read and validated with the rest of the configuration by loadConfig.
import { z } from "zod";

const ZProvider = z
  .object({
    /** In URLs (/auth/oidc/<id>/callback, the redirect URI registered at the provider) and user_identities. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "id must be lower-case letters, digits and dashes (at most 32)"),
    /** What the buttons say: "Continue with <label>". */
    label: z.string().trim().min(1, "label must not be empty").max(40, "label must be at most 40 characters"),
    /** The issuer; its /.well-known/openid-configuration is read at the first sign-in. */
    issuer: z.url("issuer must be a URL").regex(/^https?:\/\//, "issuer must be an http(s):// URL"),
    clientId: z.string().min(1, "clientId must not be empty"),
    clientSecret: z.string().min(1, "clientSecret must not be empty"),
    /** Region codes (us, de, jp…) whose store staff must sign in through this provider, not with a password. */
    staffRegions: z.array(z.string().regex(/^[a-z]{2,8}$/, "staffRegions must be region codes")).default([]),
  })
  .strict();

export type OidcProviderConfig = z.infer<typeof ZProvider>;

export interface OidcConfig {
  providers: OidcProviderConfig[];
  /** PUBLIC_URL as set: the redirect URIs start with it; unset (never in production), the request's origin. */
  publicUrl: string | undefined;
  /** Outside production an http:// issuer (a local test provider) is allowed; in production never. */
  allowHttpIssuers: boolean;
}

const ZProviders = z.array(ZProvider).max(20, "at most 20 providers");

/** The providers of `source`; `fail` turns a bad setting into the caller's one-line error. */
export function oidcSettings(source: NodeJS.ProcessEnv, fail: (message: string) => Error): OidcConfig {
  const production = source.NODE_ENV === "production";
  const raw = source.OIDC_PROVIDERS?.trim();
  const publicUrl = source.PUBLIC_URL?.trim().replace(/\/+$/, "") || undefined;
  if (!raw) return { providers: [], publicUrl, allowHttpIssuers: !production };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw fail("Invalid configuration: OIDC_PROVIDERS must be a JSON list of providers");
  }
  const parsed = ZProviders.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fail(`Invalid configuration: OIDC_PROVIDERS ${issue.path.join(".")}: ${issue.message}`);
  }
  const providers = parsed.data;
  const ids = providers.map((p) => p.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw fail(`Invalid configuration: OIDC_PROVIDERS names the provider "${twice}" twice`);
  if (production && providers.some((p) => p.issuer.startsWith("http:")))
    throw fail("Invalid configuration: OIDC_PROVIDERS issuers must be https:// in production");
  if (production && providers.length > 0 && !publicUrl)
    throw fail(
      "Invalid configuration: OIDC_PROVIDERS needs PUBLIC_URL in production (the redirect URIs start with it)",
    );
  return { providers, publicUrl, allowHttpIssuers: !production };
}
