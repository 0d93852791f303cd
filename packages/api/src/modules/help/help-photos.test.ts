// POST /help/photos and GET /help/photos/:id over real HTTP: EXIF stripped, 2 MB and image-only limits
// answered 4xx (never 500), a photo seen only by its customer and the staff of the store it was sent to.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomer, aDeliveryOrder, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

describe("help photos over HTTP on real PostgreSQL", () => {
  let t: TestPlatform;
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    t = await createTestPlatform(backings[1]!, { seed: true });
    ({ url, close } = await startTestServer(t.platform));
  });
  afterAll(async () => {
    await close?.();
    await t?.close();
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
});
