// Picks the BlobStore from the configuration (env-blob.ts) and says at start which one and why.
import { createHmac } from "node:crypto";
import type { Logger } from "pino";
import type { BlobConfig } from "../env-blob.ts";
import { LinkSigner } from "./blob-signing.ts";
import type { BlobStore } from "./blob-store.ts";
import { FilesystemBlobStore } from "./blob-store-fs.ts";
import { S3BlobStore } from "./blob-store-s3.ts";

export function selectBlobStore(config: { blob: BlobConfig; jwtSecret: string }, log: Logger): BlobStore {
  const { blob } = config;
  if (blob.store === "s3" && blob.s3) {
    log.info(
      { bucket: blob.s3.bucket, endpoint: blob.s3.endpoint ?? "AWS", region: blob.s3.region },
      "blob store: S3 (uploads and downloads through presigned URLs)",
    );
    return new S3BlobStore(blob.s3);
  }
  // Without its own secret the links are signed with a key derived from JWT_SECRET (never the secret itself).
  const secret =
    blob.signingSecret ?? createHmac("sha256", config.jwtSecret).update("blob-signing").digest("hex");
  log.info(
    { dir: blob.dir },
    "blob store: the filesystem (the embedded default and a real choice without S3, not a demo stand-in: " +
      "blobs live in this directory, so back it up and share it between nodes, or set S3_* for S3)",
  );
  return new FilesystemBlobStore({ root: blob.dir, signer: new LinkSigner(secret) });
}
