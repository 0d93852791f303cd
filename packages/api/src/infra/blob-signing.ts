// HMAC-SHA256 signatures for the filesystem BlobStore's upload and download links: what a link allows
// (operation, key, type, size) and until when, so blob-routes.ts can check a link without any state.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface LinkTerms {
  op: "put" | "get";
  key: string;
  /** Seconds since the epoch after which the link is refused. */
  exp: number;
  /** Uploads only: the content type and exact size the link accepts. */
  type?: string;
  size?: number;
}

export class LinkSigner {
  readonly #secret: Buffer;
  constructor(secret: string) {
    if (secret.length < 32) throw new Error("the blob signing secret must be at least 32 characters");
    this.#secret = createHmac("sha256", secret).update("blob-links").digest();
  }

  /** The query string of a link with these terms. */
  sign(terms: LinkTerms): string {
    const query = new URLSearchParams({ key: terms.key, exp: String(terms.exp) });
    if (terms.type !== undefined) query.set("type", terms.type);
    if (terms.size !== undefined) query.set("size", String(terms.size));
    query.set("sig", this.#mac(terms));
    return query.toString();
  }

  /** The terms a link's query carries when its signature is ours for `op`; null otherwise (expiry is the caller's). */
  verify(op: LinkTerms["op"], query: Record<string, string | undefined>): LinkTerms | null {
    const { key, exp, type, size, sig } = query;
    if (!key || !exp || !sig || !/^\d{1,12}$/.test(exp)) return null;
    if (op === "put" && (!type || !size || !/^\d{1,12}$/.test(size))) return null;
    const terms: LinkTerms = {
      op,
      key,
      exp: Number(exp),
      ...(op === "put" ? { type, size: Number(size) } : {}),
    };
    const expected = Buffer.from(this.#mac(terms));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected) ? terms : null;
  }

  #mac(t: LinkTerms): string {
    const text = [t.op, t.key, t.exp, t.type ?? "", t.size ?? ""].join("\n");
    return createHmac("sha256", this.#secret).update(text).digest("base64url");
  }
}
