// The contract every BlobStore passes (the filesystem behind its signed routes, S3 against a local
// S3-compatible server): bytes by key, signed uploads that take only the announced type and size (or are
// caught by confirmUpload), signed downloads that serve the bytes and stop when they expire.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BlobStore, confirmUpload, type SignedUpload } from "./blob-store.ts";

export interface BlobStoreUnderTest {
  store: BlobStore;
  /** The origin relative links are fetched from (the filesystem's routes); S3's links are absolute. */
  origin?: string;
  close(): Promise<void>;
}

/** `setup` builds the store with `now` as its clock, so a test can sign links in the past. */
export function blobStoreContract(
  name: string,
  setup: (now: () => Date) => Promise<BlobStoreUnderTest>,
): void {
  describe(`BlobStore contract: ${name}`, () => {
    let t: BlobStoreUnderTest;
    let shiftMs = 0;
    beforeAll(async () => {
      t = await setup(() => new Date(Date.now() + shiftMs));
    });
    afterAll(async () => {
      await t?.close();
    });
    const key = (ext = "jpg") => `contract/${randomUUID()}.${ext}`;
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) % 256));
    const open = (url: string, init?: RequestInit) => fetch(new URL(url, t.origin), init);
    const upload = (signed: SignedUpload, body: Buffer, headers = signed.headers) =>
      open(signed.url, { method: signed.method, headers, body });
    /** Signs while the store's clock is `ms` behind. */
    const signedAgo = async <T>(ms: number, sign: () => Promise<T>): Promise<T> => {
      shiftMs = -ms;
      try {
        return await sign();
      } finally {
        shiftMs = 0;
      }
    };

    it("puts, heads, gets, overwrites and deletes by key; a missing key is null, deleting twice is fine", async () => {
      const k = key("bin");
      expect(await t.store.head(k)).toBeNull();
      expect(await t.store.get(k)).toBeNull();
      expect(await t.store.put(k, bytes(1000), "application/octet-stream")).toEqual({
        key: k,
        size: 1000,
        contentType: "application/octet-stream",
      });
      expect(await t.store.head(k)).toEqual({ key: k, size: 1000, contentType: "application/octet-stream" });
      await t.store.put(k, bytes(10), "image/png");
      const got = await t.store.get(k);
      expect(got?.bytes.equals(bytes(10))).toBe(true);
      expect(got?.info).toEqual({ key: k, size: 10, contentType: "image/png" });
      await t.store.delete(k);
      expect(await t.store.head(k)).toBeNull();
      await t.store.delete(k);
    });

    it("lists the keys under a folder, nested ones too, and nothing for an empty or missing folder", async () => {
      const folder = `contract/${randomUUID()}`;
      await t.store.put(`${folder}/b.jpg`, bytes(3), "image/jpeg");
      await t.store.put(`${folder}/a/c.jpg`, bytes(3), "image/jpeg");
      await t.store.put(`${folder}x/not-inside.jpg`, bytes(3), "image/jpeg");
      expect(await t.store.list(`${folder}/`)).toEqual([`${folder}/a/c.jpg`, `${folder}/b.jpg`]);
      expect(await t.store.list(`${folder}/`, { limit: 1 })).toHaveLength(1);
      await t.store.delete(`${folder}/b.jpg`);
      await t.store.delete(`${folder}/a/c.jpg`);
      expect(await t.store.list(`${folder}/`)).toEqual([]);
      expect(await t.store.list(`contract/${randomUUID()}/`)).toEqual([]);
      await expect(t.store.list("../")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    });

    it("refuses keys that could escape their place, with a sentence", async () => {
      for (const bad of ["../etc/passwd", "/abs", "a//b", "a/../../b", "", "x.meta"])
        await expect(t.store.put(bad, bytes(1), "text/plain"), bad).rejects.toMatchObject({
          code: "BAD_REQUEST",
          message: expect.stringMatching(/is not a valid blob key/),
        });
    });

    it("takes a signed upload of the announced type and size, confirmed, and serves it by a signed download", async () => {
      const k = key();
      const body = bytes(2048);
      const signed = await t.store.signUpload(k, {
        contentType: "image/jpeg",
        size: body.length,
        maxBytes: 4096,
        expiresInSeconds: 60,
      });
      expect(signed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
      const res = await upload(signed, body);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await confirmUpload(t.store, k, { contentType: "image/jpeg", size: 2048 })).toEqual({
        key: k,
        size: 2048,
        contentType: "image/jpeg",
      });
      const download = await open(await t.store.signDownload(k, { expiresInSeconds: 60 }));
      expect(download.status).toBe(200);
      expect(download.headers.get("content-type")).toBe("image/jpeg");
      expect(Buffer.from(await download.arrayBuffer()).equals(body)).toBe(true);
    });

    it("will not sign an upload above the caller's limit, for a bad type, or for longer than a week", async () => {
      const request = { contentType: "image/jpeg", size: 5000, maxBytes: 4096, expiresInSeconds: 60 };
      await expect(t.store.signUpload(key(), request)).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/5000 bytes; at most 4096 bytes/),
      });
      await expect(
        t.store.signUpload(key(), { ...request, size: 10, contentType: "jpeg" }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      await expect(
        t.store.signUpload(key(), { ...request, size: 10, expiresInSeconds: 8 * 24 * 3600 }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    });

    it("never keeps an upload of another type or size: refused by the link, or discarded by confirmUpload", async () => {
      for (const attempt of [
        { body: bytes(100), headers: { "content-type": "text/html" } },
        { body: bytes(150), headers: { "content-type": "image/jpeg" } },
      ]) {
        const k = key();
        const signed = await t.store.signUpload(k, {
          contentType: "image/jpeg",
          size: 100,
          maxBytes: 1000,
          expiresInSeconds: 60,
        });
        const res = await upload(signed, attempt.body, attempt.headers);
        if (res.ok) {
          await expect(
            confirmUpload(t.store, k, { contentType: "image/jpeg", size: 100 }),
          ).rejects.toMatchObject({
            code: "BAD_REQUEST",
            message: expect.stringMatching(/not what was announced/),
          });
        } else {
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        }
        expect(await t.store.head(k)).toBeNull();
      }
    });

    it("refuses expired upload and download links (4xx) and keeps nothing from the upload", async () => {
      const k = key();
      await t.store.put(k, bytes(10), "image/jpeg");
      const download = await signedAgo(120_000, () => t.store.signDownload(k, { expiresInSeconds: 60 }));
      const res = await open(download);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((await open(await t.store.signDownload(k, { expiresInSeconds: 60 }))).status).toBe(200);

      const late = key();
      const signed = await signedAgo(120_000, () =>
        t.store.signUpload(late, {
          contentType: "image/jpeg",
          size: 10,
          maxBytes: 100,
          expiresInSeconds: 60,
        }),
      );
      expect(signed.expiresAt.getTime()).toBeLessThan(Date.now());
      const put = await upload(signed, bytes(10));
      expect(put.status).toBeGreaterThanOrEqual(400);
      expect(put.status).toBeLessThan(500);
      expect(await t.store.head(late)).toBeNull();
    });
  });
}
