// The filesystem BlobStore's signed endpoints (what S3's presigned URLs are for the S3 adapter):
// PUT /blobs/upload takes exactly the signed type and size before the link expires, GET /blobs/download
// serves a blob until its link expires. Checked before the body is read; every refusal is a 4xx sentence.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { LinkTerms } from "./blob-signing.ts";
import type { BlobStore } from "./blob-store.ts";
import { BLOB_DOWNLOAD_PATH, BLOB_UPLOAD_PATH, FilesystemBlobStore } from "./blob-store-fs.ts";

type Query = Record<string, string | undefined>;

/** What server.ts registers: the filesystem store's signed links; nothing for S3 (its presigned URLs go to S3). */
export function blobRoutesOf(blobs: BlobStore, maxUploadBytes: number): FastifyPluginAsync {
  return blobs instanceof FilesystemBlobStore ? blobRoutes(blobs, { maxUploadBytes }) : async () => {};
}

type Refusal = { status: number; error: string; message: string };

const refusal = (status: number, error: string, message: string): Refusal => ({ status, error, message });
const refuse = (reply: FastifyReply, r: Refusal) =>
  reply.code(r.status).header("cache-control", "no-store").send({ error: r.error, message: r.message });
const exactly = (size: number) =>
  refusal(400, "BAD_REQUEST", `This link accepts a file of exactly ${size} bytes.`);

/** The link's terms when it is ours for `op` and not expired; else why not (403, saying which). */
function termsOf(store: FilesystemBlobStore, op: LinkTerms["op"], req: FastifyRequest): LinkTerms | Refusal {
  const terms = store.signer.verify(op, req.query as Query);
  if (!terms) return refusal(403, "FORBIDDEN", "This link is not valid; ask for a new one.");
  if (terms.exp * 1000 < store.now().getTime())
    return refusal(403, "FORBIDDEN", "This link has expired; ask for a new one.");
  return terms;
}

/** An upload's headers against its link: the signed type (415), no more (413) and no fewer bytes (400). */
function uploadRefusal(terms: LinkTerms, req: FastifyRequest): Refusal | null {
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]!
    .trim()
    .toLowerCase();
  if (type !== terms.type)
    return refusal(415, "UNSUPPORTED_MEDIA_TYPE", `This link accepts a ${terms.type} file only.`);
  const length = Number(req.headers["content-length"] ?? Number.NaN);
  if (length > terms.size!)
    return refusal(413, "PAYLOAD_TOO_LARGE", `This link accepts ${terms.size} bytes; the file is larger.`);
  return length === terms.size ? null : exactly(terms.size!);
}

export function blobRoutes(
  store: FilesystemBlobStore,
  options: { maxUploadBytes: number },
): FastifyPluginAsync {
  return async (app) => {
    // Uploads arrive as raw bytes of any type; the signed type is checked in onRequest below.
    app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

    app.put(BLOB_UPLOAD_PATH, {
      bodyLimit: options.maxUploadBytes,
      onRequest: async (req, reply) => {
        const terms = termsOf(store, "put", req);
        if ("status" in terms) return refuse(reply, terms);
        const refused = uploadRefusal(terms, req);
        return refused ? refuse(reply, refused) : undefined;
      },
      handler: async (req, reply) => {
        const terms = store.signer.verify("put", req.query as Query)!;
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        if (bytes.length !== terms.size) return refuse(reply, exactly(terms.size!));
        await store.put(terms.key, bytes, terms.type!);
        return reply.header("cache-control", "no-store").send({ key: terms.key, size: bytes.length });
      },
    });

    app.get(BLOB_DOWNLOAD_PATH, async (req, reply) => {
      const terms = termsOf(store, "get", req);
      if ("status" in terms) return refuse(reply, terms);
      const blob = await store.get(terms.key);
      if (!blob) return refuse(reply, refusal(404, "NOT_FOUND", "There is no file behind this link."));
      const maxAge = Math.max(0, terms.exp - Math.floor(store.now().getTime() / 1000));
      // Served from the API's origin: nothing in a blob may run here (an SVG's script, an HTML file), and
      // what is not an image is saved rather than shown.
      if (!/^image\/(jpeg|png|webp|gif|avif)$/.test(blob.info.contentType))
        reply.header("content-disposition", "attachment");
      return reply
        .type(blob.info.contentType)
        .header("cache-control", `private, max-age=${maxAge}`)
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .send(blob.bytes);
    });
  };
}
