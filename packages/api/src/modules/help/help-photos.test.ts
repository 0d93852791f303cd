// POST /help/photos and GET /help/photos/:id over real HTTP: EXIF stripped, 2 MB and image-only limits
// answered 4xx (never 500), a photo seen only by its customer and the staff of the store it was sent to.
// The photo is kept in the blob store (the filesystem's, in a temporary directory); one uploaded straight
// there through help.photoUploadLink + help.confirmPhoto works alike; a row from before the blob store
// (bytes in PostgreSQL) is still served; the retention sweep removes old photos no open request needs.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomer, aDeliveryOrder, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { sweepHelpPhotos } from "./help-photo-retention.ts";

describe("help photos over HTTP on real PostgreSQL", () => {
  let t: TestPlatform;
  let url: string;
  let close: () => Promise<void>;
  let blobDir: string;
  beforeAll(async () => {
    blobDir = await mkdtemp(join(tmpdir(), "help-blobs-"));
    t = await createTestPlatform(backings[1]!, { seed: true, env: { BLOB_DIR: blobDir } });
    ({ url, close } = await startTestServer(t.platform));
  });
  afterAll(async () => {
    await close?.();
    await t?.close();
    await rm(blobDir, { recursive: true, force: true });
  });

  const tokenOf = async (user: AuthUser) => t.platform.tokens.sign(user);
  const post = async (user: AuthUser | null, body: Buffer, type = "image/jpeg") =>
    fetch(`${url}/help/photos`, {
      method: "POST",
      headers: { "content-type": type, ...(user ? { authorization: `Bearer ${await tokenOf(user)}` } : {}) },
      body,
    });
  const get = async (user: AuthUser, id: string) =>
    fetch(`${url}/help/photos/${id}`, { headers: { authorization: `Bearer ${await tokenOf(user)}` } });

  const rowOf = (id: string) =>
    t.platform.db
      .selectFrom("help_photos")
      .select(["bytes", "blob_key", "removed_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  it("stores a re-encoded photo without EXIF, shown to its customer and the order's store only", async () => {
    const me = await aCustomer(t);
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#eee" } })
      .jpeg()
      .withExif({ IFD0: { Make: "PhoneCo", ImageDescription: "40.75N 73.98W" } })
      .toBuffer();
    const res = await post(me, photo);
    expect(res.status).toBe(201);
    const { photoId } = (await res.json()) as { photoId: string };
    const mine = await get(me, photoId);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("image/jpeg");
    expect((await sharp(Buffer.from(await mine.arrayBuffer())).metadata()).exif).toBeUndefined();
    // Kept in the blob store, not in PostgreSQL.
    const row = await rowOf(photoId);
    expect(row.bytes).toBeNull();
    expect(row.blob_key).toMatch(new RegExp(`^help/${me.id}/[0-9a-f-]{36}\\.jpg$`));
    expect((await t.platform.blobs.head(row.blob_key!))?.contentType).toBe("image/jpeg");

    const staff = await aStaff(t, "nyc-midtown");
    expect((await get(staff, photoId)).status, "no request names it yet").toBe(404);
    expect((await get(await aCustomer(t), photoId)).status).toBe(404);
    const order = await t
      .caller(me)
      .order.placeOrder(aDeliveryOrder(await storeId(t, "nyc-midtown"), { paymentMethod: "cash" }));
    await t.caller(me).help.file({ orderId: order.id, kind: "quality", message: "Burnt", photoId });
    expect((await get(staff, photoId)).status).toBe(200);
    expect((await get(await aStaff(t, "ber-mitte"), photoId)).status, "another store").toBe(404);
    // Someone else's photo cannot be attached to one's own request.
    const other = await aCustomer(t);
    const theirs = await t
      .caller(other)
      .order.placeOrder(aDeliveryOrder(await storeId(t, "nyc-midtown"), { paymentMethod: "cash" }));
    await expect(
      t.caller(other).help.file({ orderId: theirs.id, kind: "quality", message: "x", photoId }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("answers 4xx, changing nothing, for no account, a non-image, a wrong type and more than 2 MB", async () => {
    const me = await aCustomer(t);
    const before = await t.platform.db
      .selectFrom("help_photos")
      .select(t.platform.db.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect((await post(null, Buffer.from("x"))).status).toBe(401);
    const notImage = await post(me, Buffer.from("this is not a jpeg at all"));
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as { message: string }).message).toMatch(/not a photo we can read/);
    expect((await post(me, Buffer.from("gif"), "image/gif")).status).toBe(415);
    expect((await post(me, Buffer.alloc(2 * 1024 * 1024 + 1, 1))).status).toBe(413);
    const after = await t.platform.db
      .selectFrom("help_photos")
      .select(t.platform.db.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });
  const photo = () =>
    sharp({ create: { width: 120, height: 90, channels: 3, background: "#345" } })
      .jpeg()
      .withExif({ IFD0: { Make: "PhoneCo" } })
      .toBuffer();

  it("uploads straight to the blob store with a signed link, confirmed and normalised; the raw upload is not kept", async () => {
    const me = await aCustomer(t);
    const body = await photo();
    const link = await t.caller(me).help.photoUploadLink({ contentType: "image/jpeg", size: body.length });
    const put = await fetch(new URL(link.url, url), { method: link.method, headers: link.headers, body });
    expect(put.status).toBe(200);
    // Only the uploader may confirm it.
    await expect(
      t
        .caller(await aCustomer(t))
        .help.confirmPhoto({ key: link.key, contentType: "image/jpeg", size: body.length }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { photoId } = await t
      .caller(me)
      .help.confirmPhoto({ key: link.key, contentType: "image/jpeg", size: body.length });
    expect(await t.platform.blobs.head(link.key)).toBeNull();
    const shown = await get(me, photoId);
    expect(shown.status).toBe(200);
    const bytes = Buffer.from(await shown.arrayBuffer());
    expect(bytes.includes(Buffer.from("PhoneCo"))).toBe(false);
    expect((await sharp(bytes).metadata()).format).toBe("jpeg");
    await expect(
      t.caller(me).help.photoUploadLink({ contentType: "image/jpeg", size: 3 * 1024 * 1024 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "The photo is larger than 2 MB." });
  });

  it("still serves a photo stored in PostgreSQL before the blob store", async () => {
    const me = await aCustomer(t);
    const bytes = await sharp(await photo())
      .jpeg()
      .toBuffer();
    const old = await t.platform.db
      .insertInto("help_photos")
      .values({ customer_id: me.id, content_type: "image/jpeg", bytes, size: bytes.length })
      .returning("id")
      .executeTakeFirstOrThrow();
    const res = await get(me, old.id);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("removes photos past the retention period unless an open request needs them, and says so", async () => {
    const me = await aCustomer(t);
    const post = async () => {
      const res = await fetch(`${url}/help/photos`, {
        method: "POST",
        headers: {
          "content-type": "image/jpeg",
          authorization: `Bearer ${await t.platform.tokens.sign(me)}`,
        },
        body: await photo(),
      });
      return ((await res.json()) as { photoId: string }).photoId;
    };
    const loose = await post();
    const needed = await post();
    const order = await t
      .caller(me)
      .order.placeOrder(aDeliveryOrder(await storeId(t, "nyc-midtown"), { paymentMethod: "cash" }));
    await t.caller(me).help.file({ orderId: order.id, kind: "quality", message: "Cold", photoId: needed });
    const keyOf = async (id: string) =>
      (
        await t.platform.db
          .selectFrom("help_photos")
          .select("blob_key")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).blob_key;
    const looseKey = await keyOf(loose);
    const later = new Date(Date.now() + 91 * 86_400_000);
    const options = { db: t.platform.db, blobs: t.platform.blobs, retentionDays: 90 };
    expect(await sweepHelpPhotos(options, new Date())).toBe(0);
    expect(await sweepHelpPhotos(options, later)).toBeGreaterThanOrEqual(1);
    expect(await t.platform.blobs.head(looseKey!)).toBeNull();
    const gone = await get(me, loose);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { message: string }).message).toBe(
      "This photo was deleted after the retention period.",
    );
    expect((await get(me, needed)).status, "an open request keeps its photo").toBe(200);
    // A removed photo cannot be attached to a new request.
    const another = await t
      .caller(me)
      .order.placeOrder(aDeliveryOrder(await storeId(t, "nyc-midtown"), { paymentMethod: "cash" }));
    await expect(
      t.caller(me).help.file({ orderId: another.id, kind: "quality", message: "x", photoId: loose }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
