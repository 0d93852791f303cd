// What an OpenID Connect sign-in must remember between its start and its callback (state, nonce, the PKCE
// verifier, which app to go back to) lives in one short-lived cookie, encrypted and authenticated with a key
// derived from JWT_SECRET (jose: JWE, dir + A256GCM). HttpOnly, SameSite=Lax (the provider's redirect back
// is a top-level GET), limited to /auth/oidc/, ten minutes. Any node can read it; nothing is kept server-side.
import { createHash } from "node:crypto";
import { EncryptJWT, errors, jwtDecrypt } from "jose";

export const FLOW_COOKIE = "pizza_oidc";
export const FLOW_COOKIE_PATH = "/auth/oidc/";
export const FLOW_TTL_S = 10 * 60;

/** The apps a sign-in returns to (never a URL from the request: no open redirect). */
export const OIDC_APPS = { customer: "/signin", store: "/store/" } as const;
export type OidcApp = keyof typeof OIDC_APPS;
export const isOidcApp = (v: unknown): v is OidcApp => typeof v === "string" && Object.hasOwn(OIDC_APPS, v);

export interface OidcFlow {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  app: OidcApp;
  redirectUri: string;
  /** Where the app goes once signed in (its sign-in page's `?next=`), when it said. */
  next?: string | undefined;
}

/** A same-app path for `?next=` (the app checks it again); anything else is dropped. */
export const safeNext = (next: unknown): string | undefined =>
  typeof next === "string" && next.length <= 300 && /^\/(?![/\\])/.test(next) ? next : undefined;

/** The app's sign-in page a sign-in returns to, with its `?next=` kept. */
export const appPage = (flow: Pick<OidcFlow, "app" | "next">): string =>
  `${OIDC_APPS[flow.app]}${flow.next ? `?next=${encodeURIComponent(flow.next)}` : ""}`;

export class FlowCookies {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = createHash("sha256").update(`oidc-flow-cookie:${secret}`).digest();
  }

  seal(flow: OidcFlow): Promise<string> {
    return new EncryptJWT({ ...flow })
      .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
      .setIssuedAt()
      .setExpirationTime(`${FLOW_TTL_S}s`)
      .encrypt(this.key);
  }

  /** The flow the cookie holds, or undefined when it is missing, forged, damaged or expired. */
  async open(value: string | undefined): Promise<OidcFlow | undefined> {
    if (!value) return undefined;
    try {
      const { payload } = await jwtDecrypt(value, this.key);
      const flow = payload as Partial<OidcFlow>;
      const fields = [flow.provider, flow.state, flow.nonce, flow.verifier, flow.redirectUri];
      if (!fields.every((f) => typeof f === "string") || !isOidcApp(flow.app)) return undefined;
      return { ...(flow as OidcFlow), next: safeNext(flow.next) };
    } catch (error) {
      if (error instanceof errors.JOSEError) return undefined;
      throw error;
    }
  }
}

/** The Set-Cookie value: the sealed flow, or (value null) its removal. */
export function flowCookieHeader(value: string | null, secure: boolean): string {
  const parts = [
    `${FLOW_COOKIE}=${value ?? ""}`,
    `Path=${FLOW_COOKIE_PATH}`,
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${value === null ? 0 : FLOW_TTL_S}`,
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
