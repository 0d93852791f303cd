// GET /images/menu/<sha256>-<w>x<h>.webp: the menu's item and promo pictures, public (no sign-in: the
// menu is public) and cached for a year (`immutable`), since a name is the hash of its bytes and a new
// picture is a new name. An ETag (the hash) lets a revalidating cache get 304 without the bytes. The
// bytes come from the blob store, filesystem or S3 alike, so the apps load them from their own origin.
import type { FastifyPluginAsync } from "fastify";
import type { BlobStore } from "../../infra/blob-store.ts";
import { IMAGE_FOLDER, IMAGE_ROUTE, parseImageName } from "./menu-images.ts";

export const IMMUTABLE = "public, max-age=31536000, immutable";

export function menuImageRoutes(blobs: BlobStore): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { name: string } }>(`${IMAGE_ROUTE}:name`, async (req, reply) => {
      const parsed = parseImageName(req.params.name);
      const missing = () =>
        reply
          .code(404)
          .header("cache-control", "no-store")
          .send({ error: "NOT_FOUND", message: "There is no such picture." });
      if (!parsed) return missing();
      const etag = `"${parsed.hash}"`;
      const common = {
        "cache-control": IMMUTABLE,
        etag,
        "x-content-type-options": "nosniff",
        // Loaded as an <img> by the apps on this origin; nothing in it may run.
        "content-security-policy": "default-src 'none'; sandbox",
      };
      const asked = String(req.headers["if-none-match"] ?? "");
      if (asked.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
        // Known to this origin: only answer 304 for a picture that is still stored.
        if (await blobs.head(`${IMAGE_FOLDER}${req.params.name}`))
          return reply.code(304).headers(common).send();
        return missing();
      }
      const blob = await blobs.get(`${IMAGE_FOLDER}${req.params.name}`);
      if (!blob) return missing();
      return reply.code(200).headers(common).type("image/webp").send(blob.bytes);
    });
  };
}
