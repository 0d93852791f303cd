// Which blob store the configuration picks, what the log says at start (the filesystem is a real
// choice in production, not a stand-in), and the S3 settings that must go together.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../env.ts";
import { blobOrigins } from "../env-blob.ts";
import { captureLog } from "../testing/log-capture.ts";
import { selectBlobStore } from "./blob-select.ts";
import { FilesystemBlobStore } from "./blob-store-fs.ts";
import { S3BlobStore } from "./blob-store-s3.ts";
import { cspDirectives } from "./http-security.ts";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://x/y",
  JWT_SECRET: "x".repeat(32),
  PAYMENTS: "simulated",
  NOTIFIER: "log",
};
const s3 = { S3_BUCKET: "pizza-photos", S3_ACCESS_KEY_ID: "AKIA1", S3_SECRET_ACCESS_KEY: "secret" };

function select(env: Record<string, string>) {
  const { log, text } = captureLog();
  const store = selectBlobStore(loadConfig({ PGLITE_DIR: "memory://", ...env }), log);
  return { store, log: text() };
}

describe("selectBlobStore", () => {
  it("production without S3: the filesystem under BLOB_DIR, said at start to be a real choice", () => {
    const { store, log } = select({ ...production, BLOB_DIR: "/var/lib/pizza/blobs" });
    expect(store).toBeInstanceOf(FilesystemBlobStore);
    expect((store as FilesystemBlobStore).root).toBe("/var/lib/pizza/blobs");
    expect(log).toContain("a real choice without S3, not a demo stand-in");
    expect(log).toContain("/var/lib/pizza/blobs");
  });

  it("defaults to .data/blobs in the repository", () => {
    const { store } = select({ NODE_ENV: "test" });
    expect((store as FilesystemBlobStore).root).toMatch(/[/\\]\.data[/\\]blobs$/);
  });

  it("S3 when a bucket and keys are given, or BLOB_STORE=s3 says so; the filesystem when BLOB_STORE says so", () => {
    const { store, log } = select({ ...production, ...s3, S3_ENDPOINT: "http://minio:9000" });
    expect(store).toBeInstanceOf(S3BlobStore);
    expect(log).toContain("blob store: S3");
    expect(log).toContain("pizza-photos");
    expect(log).not.toContain("secret");
    expect(select({ NODE_ENV: "test", ...s3, BLOB_STORE: "s3" }).store.name).toBe("s3");
    expect(select({ NODE_ENV: "test", ...s3, BLOB_STORE: "filesystem" }).store.name).toBe("filesystem");
  });

  it("refuses S3 settings given in part, BLOB_STORE=s3 without them, and a short signing secret, naming them", () => {
    expect(() => loadConfig({ PGLITE_DIR: "memory://", S3_BUCKET: "pizza-photos" })).toThrow(
      /S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/,
    );
    expect(() => loadConfig({ PGLITE_DIR: "memory://", BLOB_STORE: "s3" })).toThrow(
      /BLOB_STORE=s3 needs S3_BUCKET/,
    );
    expect(() => loadConfig({ PGLITE_DIR: "memory://", BLOB_SIGNING_SECRET: "short" })).toThrow(
      /BLOB_SIGNING_SECRET must be at least 32 characters/,
    );
    expect(() => loadConfig({ PGLITE_DIR: "memory://", S3_ENDPOINT: "minio:9000" })).toThrow(/S3_ENDPOINT/);
  });
});

describe("the CSP with an S3 blob store", () => {
  const policy = (env: Record<string, string>) =>
    cspDirectives({
      stripe: false,
      connectSrc: [],
      blobSrc: blobOrigins(loadConfig({ PGLITE_DIR: "memory://", ...env }).blob),
    });

  it("allows images from and uploads to the bucket's origin, and nothing more for the filesystem", () => {
    const minio = policy({ ...s3, S3_ENDPOINT: "https://minio.example:9000/" });
    expect(minio["img-src"]).toContain("https://minio.example:9000");
    expect(minio["connect-src"]).toEqual(["'self'", "https://minio.example:9000"]);
    const aws = policy({ ...s3, S3_REGION: "eu-central-1" });
    expect(aws["img-src"]).toContain("https://pizza-photos.s3.eu-central-1.amazonaws.com");
    expect(policy({})["img-src"]).toEqual(["'self'", "data:", "blob:"]);
    expect(policy({})["connect-src"]).toEqual(["'self'"]);
  });
});
