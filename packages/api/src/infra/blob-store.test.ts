// Both BlobStore adapters pass one contract: the filesystem behind its signed Fastify routes (over real
// HTTP), and S3 against a local s3rver on a free port. Then what only the filesystem's routes answer
// (sentences for a forged link, a wrong type or size), and the platform serving them.
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backings, createTestPlatform, startTestServer } from "../testing/harness.ts";
import { startTestS3Server } from "../testing/s3-server.ts";
import { blobRoutes } from "./blob-routes.ts";
import { LinkSigner } from "./blob-signing.ts";
import { blobStoreContract } from "./blob-store.contract.ts";
import { BLOB_UPLOAD_PATH, FilesystemBlobStore } from "./blob-store-fs.ts";
import { S3BlobStore } from "./blob-store-s3.ts";

const SECRET = "a-test-signing-secret-of-32-characters!";

/** A filesystem store in a temporary directory (its links are relative), its routes on a free port. */
async function startFilesystemStore(now?: () => Date) {
  const root = await mkdtemp(join(tmpdir(), "blobs-"));
  const store = new FilesystemBlobStore({ root, signer: new LinkSigner(SECRET), ...(now ? { now } : {}) });
  const app = Fastify();
  await app.register(blobRoutes(store, { maxUploadBytes: 64 * 1024 }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    store,
    origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async close() {
      await app.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

blobStoreContract("filesystem behind its signed routes", (now) => startFilesystemStore(now));

blobStoreContract("S3 against a local s3rver", async (now) => {
  const server = await startTestS3Server();
  const store = new S3BlobStore(server.settings, { now });
  return {
    store,
    async close() {
      store.close();
      await server.close();
    },
  };
});

describe("S3's presigned links", () => {
  it("sign the upload's content type and exact length (S3 checks them; s3rver does not, hence confirmUpload)", async () => {
    const store = new S3BlobStore({
      endpoint: "http://127.0.0.1:9",
      region: "us-east-1",
      bucket: "b",
      accessKeyId: "k",
      secretAccessKey: "s",
    });
    const signed = await store.signUpload("a/b.jpg", { ...request(), size: 10 });
    const url = new URL(signed.url);
    expect(url.pathname).toBe("/b/a/b.jpg");
    expect(url.searchParams.get("X-Amz-SignedHeaders")?.split(";")).toEqual(
      expect.arrayContaining(["content-length", "content-type", "host"]),
    );
    expect(url.searchParams.get("X-Amz-Expires")).toBe("60");
    expect(signed.headers).toEqual({ "content-type": "image/jpeg" });
    store.close();
  });
});

describe("the filesystem's signed routes", () => {
  let fs: Awaited<ReturnType<typeof startFilesystemStore>>;
  beforeAll(async () => {
    fs = await startFilesystemStore();
  });
  afterAll(async () => {
    await fs?.close();
  });
  const request = { contentType: "image/webp", size: 100, maxBytes: 1000, expiresInSeconds: 60 };
  const put = (url: string, body: Buffer, type = "image/webp") =>
    fetch(new URL(url, fs.origin), { method: "PUT", headers: { "content-type": type }, body });
  const sentence = async (res: Response) => ((await res.json()) as { message: string }).message;

  it("answers a wrong type 415, a larger file 413 and another size 400, each with a sentence, storing nothing", async () => {
    const signed = await fs.store.signUpload("menu/a.webp", request);
    const wrongType = await put(signed.url, Buffer.alloc(100), "image/png");
    expect(wrongType.status).toBe(415);
    expect(await sentence(wrongType)).toBe("This link accepts a image/webp file only.");
    const larger = await put(signed.url, Buffer.alloc(101));
    expect(larger.status).toBe(413);
    expect(await sentence(larger)).toMatch(/accepts 100 bytes; the file is larger/);
    const smaller = await put(signed.url, Buffer.alloc(99));
    expect(smaller.status).toBe(400);
    expect(await sentence(smaller)).toMatch(/exactly 100 bytes/);
    expect(await fs.store.head("menu/a.webp")).toBeNull();
  });

  it("refuses a link whose key, size or signature was changed (403), and a download link used to upload", async () => {
    const signed = await fs.store.signUpload("menu/b.webp", request);
    for (const [param, value] of [
      ["key", "menu/c.webp"],
      ["size", "1000"],
      ["sig", "AAAA"],
    ] as const) {
      const url = new URL(signed.url, fs.origin);
      url.searchParams.set(param, value);
      const res = await put(url.toString(), Buffer.alloc(param === "size" ? 1000 : 100));
      expect(res.status, param).toBe(403);
      expect(await sentence(res)).toBe("This link is not valid; ask for a new one.");
    }
    await fs.store.put("menu/d.webp", Buffer.alloc(100), "image/webp");
    const download = new URL(await fs.store.signDownload("menu/d.webp", { expiresInSeconds: 60 }), fs.origin);
    expect((await put(`${BLOB_UPLOAD_PATH}${download.search}`, Buffer.alloc(100))).status).toBe(403);
    expect(await fs.store.head("menu/c.webp")).toBeNull();
  });

  it("serves with nosniff, a private cache and a sandbox (non-images as attachments); a deleted blob's link is 404", async () => {
    await fs.store.put("menu/e.webp", Buffer.alloc(10), "image/webp");
    const link = await fs.store.signDownload("menu/e.webp", { expiresInSeconds: 60 });
    const ok = await fetch(new URL(link, fs.origin));
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
    expect(ok.headers.get("cache-control")).toMatch(/^private, max-age=(59|60)$/);
    expect(ok.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(ok.headers.get("content-disposition")).toBeNull();
    await fs.store.put("menu/f.svg", Buffer.from("<svg onload='alert(1)'/>"), "image/svg+xml");
    const svg = await fetch(
      new URL(await fs.store.signDownload("menu/f.svg", { expiresInSeconds: 60 }), fs.origin),
    );
    expect(svg.headers.get("content-disposition")).toBe("attachment");
    expect(svg.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    await fs.store.delete("menu/e.webp");
    const gone = await fetch(new URL(link, fs.origin));
    expect(gone.status).toBe(404);
    expect(await sentence(gone)).toBe("There is no file behind this link.");
  });
});

describe("the platform's blob store", () => {
  it("is the filesystem under BLOB_DIR by default, its signed routes served by the API", async () => {
    const dir = await mkdtemp(join(tmpdir(), "platform-blobs-"));
    const t = await createTestPlatform(backings[0]!, { env: { BLOB_DIR: dir } });
    const { url, close } = await startTestServer(t.platform);
    try {
      expect(t.platform.blobs.name).toBe("filesystem");
      const signed = await t.platform.blobs.signUpload("proof/x.jpg", { ...request(), size: 3 });
      const path = new URL(signed.url, "http://x").pathname + new URL(signed.url, "http://x").search;
      const res = await fetch(`${url}${path}`, { method: "PUT", headers: signed.headers, body: "abc" });
      expect(res.status).toBe(200);
      expect((await t.platform.blobs.get("proof/x.jpg"))?.bytes.toString()).toBe("abc");
      const link = new URL(
        await t.platform.blobs.signDownload("proof/x.jpg", { expiresInSeconds: 60 }),
        "http://x",
      );
      const served = await fetch(`${url}${link.pathname}${link.search}`);
      expect(await served.text()).toBe("abc");
      expect(served.headers.get("content-security-policy"), "not the apps' CSP").toBe(
        "default-src 'none'; sandbox",
      );
    } finally {
      await close();
      await t.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is S3 when a bucket and keys are configured", async () => {
    const s3 = await startTestS3Server();
    const t = await createTestPlatform(backings[0]!, {
      env: {
        S3_ENDPOINT: s3.settings.endpoint!,
        S3_BUCKET: s3.settings.bucket,
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
      },
    });
    try {
      expect(t.platform.blobs.name).toBe("s3");
      await t.platform.blobs.put("proof/y.jpg", Buffer.from("xyz"), "image/jpeg");
      expect(await t.platform.blobs.head("proof/y.jpg")).toEqual({
        key: "proof/y.jpg",
        size: 3,
        contentType: "image/jpeg",
      });
    } finally {
      await t.close();
      await s3.close();
    }
  });
});

function request() {
  return { contentType: "image/jpeg", size: 1, maxBytes: 1000, expiresInSeconds: 60 };
}
