import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@pizza/db";
import { errors, jwtVerify, SignJWT } from "jose";

export interface AuthUser {
  id: string;
  role: Role;
  storeId: string | null;
  name: string;
  /** The sign-in session (refresh-token family) the token was issued for; its sockets end with it. */
  sessionId?: string;
}

export const ACCESS_TOKEN_TTL_S = 15 * 60;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
const ISSUER = "pizza-platform";
const AUDIENCE = "pizza-apps";

/** How many verified tokens a node remembers (about one per active session). */
const VERIFIED_CACHE_SIZE = 10_000;

export class AccessTokens {
  private readonly key: Uint8Array;
  /**
   * Tokens already verified, until they expire. A client sends the same token on every request for
   * its 15 minutes, and an HMAC check through WebCrypto is an async job per request; a signed token
   * cannot change, so its first successful check holds until its `exp`. Failed checks are not kept.
   */
  private readonly verified = new Map<string, { user: AuthUser; expiresAtMs: number }>();

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(user: AuthUser): Promise<string> {
    return new SignJWT({
      role: user.role,
      sid: user.storeId,
      name: user.name,
      ...(user.sessionId ? { fam: user.sessionId } : {}),
    })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_TTL_S}s`)
      .sign(this.key);
  }

  /** The user a token names, or undefined when it is invalid or expired. */
  async verify(token: string): Promise<AuthUser | undefined> {
    return (await this.inspect(token))?.user;
  }

  /** The user a token names and when the token expires (a socket stops being trusted then). */
  async inspect(token: string): Promise<{ user: AuthUser; expiresAtMs: number } | undefined> {
    const known = this.verified.get(token);
    if (known) {
      // jose refuses a token at its `exp` second (exp <= now), so the cache does too.
      if (known.expiresAtMs > this.now()) return { user: { ...known.user }, expiresAtMs: known.expiresAtMs };
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ["HS256"],
        currentDate: new Date(this.now()),
      });
      if (typeof payload.sub !== "string") return undefined;
      const user: AuthUser = {
        id: payload.sub,
        role: payload.role as Role,
        storeId: (payload.sid as string | null) ?? null,
        name: String(payload.name ?? ""),
        ...(typeof payload.fam === "string" ? { sessionId: payload.fam } : {}),
      };
      // Every token we sign has an `exp` (setExpirationTime); one without is not ours to trust for long.
      if (typeof payload.exp !== "number") return undefined;
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { user, expiresAtMs: payload.exp * 1000 });
      return { user: { ...user }, expiresAtMs: payload.exp * 1000 };
    } catch (error) {
      if (error instanceof errors.JOSEError) return undefined;
      throw error;
    }
  }
}

/** Refresh tokens are opaque random strings; only their SHA-256 is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
