// Blob storage settings (infra/blob-select.ts): S3 when a bucket and keys are given (or BLOB_STORE=s3),
// else the filesystem under BLOB_DIR (.data/blobs). Read by loadConfig with the rest of the configuration.
import { z } from "zod";
import type { S3Settings } from "./infra/blob-store-s3.ts";

const blobSchema = z.object({
  /** filesystem | s3; default: s3 when S3_BUCKET is set, else filesystem. */
  BLOB_STORE: z.enum(["filesystem", "s3"]).optional(),
  BLOB_DIR: z.string().trim().min(1).optional(),
  /** Signs the filesystem adapter's upload and download links; default: derived from JWT_SECRET. */
  BLOB_SIGNING_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** The largest upload any signed link accepts (each use asks for its own, smaller limit). */
  BLOB_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  S3_ENDPOINT: z
    .url()
    .regex(/^https?:\/\//, "must be an http(s):// URL")
    .optional(),
  S3_BUCKET: z.string().trim().min(3, "must be a bucket name (3 to 63 characters)").max(63).optional(),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().trim().min(1).default("us-east-1"),
  /** Delivery and help photos are deleted this many days after delivery / after the request is closed. */
  DELIVERY_PHOTO_RETENTION_DAYS: z.coerce
    .number()
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(3650, "must be at most 3650 days")
    .default(90),
});

export interface BlobConfig {
  store: "filesystem" | "s3";
  /** The filesystem adapter's directory. */
  dir: string;
  signingSecret: string | undefined;
  maxUploadBytes: number;
  s3: S3Settings | undefined;
  /** DELIVERY_PHOTO_RETENTION_DAYS: photos older than this are deleted (modules/delivery/photo-retention.ts). */
  photoRetentionDays: number;
}

/** The blob settings of `source`; `fail` turns a bad or incomplete setting into the caller's error. */
export function blobSettings(
  source: NodeJS.ProcessEnv,
  defaults: { dir: string },
  fail: (message: string) => Error,
): BlobConfig {
  const parsed = blobSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw fail(`Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(source[name])})`);
  }
  const e = parsed.data;
  const keys = [e.S3_BUCKET, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY];
  if (keys.some(Boolean) && !keys.every(Boolean))
    throw fail(
      "Invalid configuration: S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (all three for S3, none for the filesystem under BLOB_DIR)",
    );
  const store = e.BLOB_STORE ?? (e.S3_BUCKET ? "s3" : "filesystem");
  if (store === "s3" && !e.S3_BUCKET)
    throw fail(
      "Invalid configuration: BLOB_STORE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY",
    );
  return {
    store,
    dir: e.BLOB_DIR ?? defaults.dir,
    signingSecret: e.BLOB_SIGNING_SECRET,
    maxUploadBytes: e.BLOB_MAX_UPLOAD_BYTES,
    photoRetentionDays: e.DELIVERY_PHOTO_RETENTION_DAYS,
    s3:
      store === "s3"
        ? {
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            bucket: e.S3_BUCKET!,
            accessKeyId: e.S3_ACCESS_KEY_ID!,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
          }
        : undefined,
  };
}

/**
 * Where browsers fetch blobs from besides this server (for the CSP's img-src and connect-src): the
 * S3 endpoint's origin, or the bucket's virtual-hosted AWS origin; none for the filesystem (same origin).
 */
export function blobOrigins(blob: BlobConfig): string[] {
  if (!blob.s3) return [];
  if (blob.s3.endpoint) return [new URL(blob.s3.endpoint).origin];
  return [`https://${blob.s3.bucket}.s3.${blob.s3.region}.amazonaws.com`];
}
