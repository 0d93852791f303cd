// Item, deal and promo pictures (issue 22) over real HTTP, on both backings with the filesystem blob store and
// on PostgreSQL with S3 (a local s3rver): an admin's signed upload → save renders WebP sizes under
// content-hashed names; the menu carries src/srcset/size and the alt text in its locale; the public
// route serves them immutable with an ETag (304 on revalidation); promo banners show theirs; every bad
// upload (no or too long alt text, not an image, too large, too small, someone else's upload, not an
// admin, too many) is a 4xx sentence that changes nothing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "@pizza/db";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlobStore } from "../../infra/blob-store.ts";
import { S3BlobStore } from "../../infra/blob-store-s3.ts";
import { expectCode } from "../../testing/assertions.ts";
import { aCustomer, anAdmin, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../../testing/harness.ts";
import { startTestS3Server } from "../../testing/s3-server.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { IMAGE_UPLOADS_PER_HOUR } from "./menu-images.ts";

const photo = (width = 900, height = 700, color = "#c33") =>
  sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg()
    .withExif({ IFD0: { Make: "PhoneCo", ImageDescription: "40.75N 73.98W" } })
    .toBuffer();

const setups = [
  ...backings.map((b) => ({ name: `${b.name}, filesystem blobs`, backing: b, s3: false })),
  { name: "real (PostgreSQL, Redis), S3 (s3rver)", backing: backings[1]!, s3: true },
];

describe.each(setups)("menu and promo pictures on $name", (setup) => {
  let t: TestPlatform;
  let url: string;
  let closeServer: () => Promise<void>;
  let closeS3: (() => Promise<void>) | undefined;
  let blobDir: string;
  let admin: AuthUser;
  let midtown: string;

  beforeAll(async () => {
    blobDir = await mkdtemp(join(tmpdir(), "menu-images-"));
    let blobs: BlobStore | undefined;
    if (setup.s3) {
      const s3 = await startTestS3Server();
      const store = new S3BlobStore(s3.settings);
      blobs = store;
      closeS3 = async () => {
        store.close();
        await s3.close();
      };
    }
    t = await createTestPlatform(setup.backing, {
      seed: true,
      env: { BLOB_DIR: blobDir },
      ...(blobs ? { blobs } : {}),
    });
    ({ url, close: closeServer } = await startTestServer(t.platform));
    admin = await anAdmin(t);
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await closeServer?.();
    await t?.close();
    await closeS3?.();
    await rm(blobDir, { recursive: true, force: true });
  });

  /** uploadLink → PUT the bytes (relative links go to the API, S3's to s3rver) → save. */
  async function upload(
    user: AuthUser,
    subject: { kind: "item" | "deal" | "promo"; id: string },
    bytes: Buffer,
    alt: { en: string; de?: string; ja?: string } = { en: "A pizza" },
    contentType = "image/jpeg",
  ) {
    const request = { subject, alt, contentType, size: bytes.length };
    const link = await t.caller(user).menuImage.uploadLink(request);
    const put = await fetch(link.url.startsWith("/") ? `${url}${link.url}` : link.url, {
      method: "PUT",
      headers: link.headers,
      body: new Uint8Array(bytes),
    });
    expect(put.ok).toBe(true);
    return t.caller(user).menuImage.save({ ...request, key: link.key });
  }

  const menuItem = async (id: string, locale = "en") =>
    (await t.caller().menu.getMenu({ storeId: midtown, locale })).items.find((i) => i.id === id)!;

  it("renders an item's picture in the card's sizes, shows it on the menu with alt text in the menu's locale", async () => {
    const { image } = await upload(admin, { kind: "item", id: "margherita" }, await photo(), {
      en: "A margherita with basil",
      de: "Eine Margherita mit Basilikum",
    });
    expect(image.src).toMatch(/^\/images\/menu\/[0-9a-f]{64}-640x480\.webp$/);
    const en = await menuItem("margherita");
    expect(en.image).toEqual({
      src: image.src,
      srcset: expect.stringMatching(/-320x240\.webp 320w, \/images\/menu\/[0-9a-f]{64}-640x480\.webp 640w$/),
      width: 640,
      height: 480,
      alt: "A margherita with basil",
    });
    expect((await menuItem("margherita", "de")).image?.alt).toBe("Eine Margherita mit Basilikum");
    expect((await menuItem("margherita", "ja")).image?.alt, "no Japanese: English").toBe(
      "A margherita with basil",
    );
    // Over HTTP too (the cached fast path), and without a picture an item says null.
    const res = await fetch(
      `${url}/trpc/menu.getMenu?input=${encodeURIComponent(JSON.stringify({ storeId: midtown }))}`,
    );
    const body = (await res.json()) as { result: { data: { items: { id: string; image: unknown }[] } } };
    const items = body.result.data.items;
    expect(items.find((i) => i.id === "margherita")?.image).toEqual(en.image);
    expect(items.find((i) => i.id !== "margherita")?.image).toBeNull();
  });

  it("serves pictures publicly, immutable for a year, with an ETag and 304 on revalidation", async () => {
    const { image } = await upload(admin, { kind: "item", id: "pepperoni" }, await photo(1200, 900, "#a52"));
    const res = await fetch(`${url}${image.src}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const etag = res.headers.get("etag")!;
    expect(etag).toBe(`"${/([0-9a-f]{64})/.exec(image.src)![1]}"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["webp", 640, 480, undefined]);
    const again = await fetch(`${url}${image.src}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${url}/images/menu/${"0".repeat(64)}-640x480.webp`)).status).toBe(404);
    expect((await fetch(`${url}/images/menu/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it("replacing a picture removes the old files; the new one shows at once", async () => {
    const first = await upload(admin, { kind: "item", id: "hawaiian" }, await photo(800, 600, "#3a3"));
    const second = await upload(admin, { kind: "item", id: "hawaiian" }, await photo(800, 600, "#33a"));
    expect(second.image.src).not.toBe(first.image.src);
    expect((await menuItem("hawaiian")).image?.src).toBe(second.image.src);
    expect((await fetch(`${url}${first.image.src}`)).status).toBe(404);
    expect((await fetch(`${url}${second.image.src}`)).status).toBe(200);
    await t.caller(admin).menuImage.remove({ kind: "item", id: "hawaiian" });
    expect((await menuItem("hawaiian")).image).toBeNull();
    expect((await fetch(`${url}${second.image.src}`)).status).toBe(404);
  });

  it.runIf(setup.backing.db === "postgres")(
    "two saves of one item's picture at once: one wins, the other's files are not left behind",
    async () => {
      const subject = { kind: "item" as const, id: "bbq_chicken" };
      // Both saves are made to meet: a row for the item, inserted and not yet committed, holds both
      // until each is waiting on a lock (the later of the two reads the earlier's picture only if the
      // saves take turns; without that, the first's files would be left behind).
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      const hold = t.platform.db
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto("menu_images")
            .values({ subject_kind: "item", subject_id: "bbq_chicken", variants: ["held"], alt_en: "held" })
            .execute();
          await held;
          throw new Error("rolled back on purpose");
        })
        .catch(() => undefined);
      const saves = Promise.all([
        upload(admin, subject, await photo(800, 600, "#812")),
        upload(admin, subject, await photo(800, 600, "#128")),
      ]);
      const waiting = async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(t.platform.db)
        ).rows[0]!.n;
      await expect.poll(waiting, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      release();
      await hold;
      const [a, b] = await saves;
      const shown = (await menuItem("bbq_chicken")).image!.src;
      expect([a.image.src, b.image.src]).toContain(shown);
      const loser = shown === a.image.src ? b.image : a.image;
      for (const part of loser.srcset.split(", ")) {
        const name = part.split(" ")[0]!.slice("/images/menu/".length);
        expect(await t.platform.blobs.head(`menu-images/${name}`), name).toBeNull();
      }
      expect((await fetch(`${url}${shown}`)).status).toBe(200);
    },
  );

  it("shows a promo's banner on the menus of its region while it runs, alt text in the locale", async () => {
    const promo = await t.caller(admin).promo.create({
      code: `BANNER${setup.s3 ? "S3" : setup.backing.db.toUpperCase()}`,
      description: "Two for one on Tuesdays",
      kind: "percent",
      percent: 10,
      regionCode: "us",
    });
    await upload(admin, { kind: "promo", id: promo.id }, await photo(1600, 600, "#fc0"), {
      en: "Two pizzas side by side",
      ja: "並んだ二枚のピザ",
    });
    // Newer promos without a picture (more than a menu shows) do not push the pictured one off.
    for (const n of [1, 2, 3, 4, 5, 6])
      await t.caller(admin).promo.create({
        code: `${promo.code}N${n}`,
        description: "No picture",
        kind: "percent",
        percent: 5,
        regionCode: "us",
      });
    const banners = await t.caller().menuImage.promoBanners({ storeId: midtown, locale: "ja" });
    const mine = banners.find((b) => b.id === promo.id)!;
    expect(mine.code).toBe(promo.code);
    expect(mine.image).toMatchObject({ width: 1280, height: 400, alt: "並んだ二枚のピザ" });
    const berlin = await storeId(t, "ber-mitte");
    expect((await t.caller().menuImage.promoBanners({ storeId: berlin })).map((b) => b.id)).not.toContain(
      promo.id,
    );
    await t.caller(admin).promo.setActive({ promoId: promo.id, active: false });
    const after = await t.caller().menuImage.promoBanners({ storeId: midtown });
    expect(
      after.map((b) => b.id),
      "paused: no banner",
    ).not.toContain(promo.id);
  });

  it("gives a deal a 4:3 card picture shown with the menu's deals, alt text in the locale; removal takes it off", async () => {
    const id = `us-pic-${setup.s3 ? "s3" : setup.backing.db}`;
    await t.caller(admin).deal.create({
      regionCode: "us",
      id,
      nameEn: "Any 2 medium pizzas",
      price: 1800,
      slots: [{ kind: "pizza", variant: "medium", quantity: 2 }],
      active: true,
    });
    const menuDeal = async (locale = "en") =>
      (await t.caller().menu.getMenu({ storeId: midtown, locale })).deals.find((d) => d.id === id)!;
    expect((await menuDeal()).image, "no picture yet").toBeNull();
    const subjects = await t.caller(admin).menuImage.subjects();
    expect(subjects.find((s) => s.kind === "deal" && s.id === id)).toMatchObject({
      name: "Any 2 medium pizzas (us)",
      image: null,
    });
    const { image } = await upload(admin, { kind: "deal", id }, await photo(1000, 700, "#2a6"), {
      en: "Two medium pizzas on a board",
      ja: "ボードの上の M ピザ 2 枚",
    });
    expect(image).toMatchObject({ width: 640, height: 480 });
    // Shown at once (the cached menu refreshed), over tRPC and the HTTP fast path alike.
    expect((await menuDeal()).image).toEqual({ ...image, alt: "Two medium pizzas on a board" });
    expect((await menuDeal("ja")).image?.alt).toBe("ボードの上の M ピザ 2 枚");
    const res = await fetch(
      `${url}/trpc/menu.getMenu?input=${encodeURIComponent(JSON.stringify({ storeId: midtown }))}`,
    );
    const body = (await res.json()) as { result: { data: { deals: { id: string; image: unknown }[] } } };
    expect(body.result.data.deals.find((d) => d.id === id)?.image).toEqual((await menuDeal()).image);
    expect((await fetch(`${url}${image.src}`)).status).toBe(200);
    // Not Berlin's menu (a US deal), and no such deal is NOT_FOUND.
    const berlin = await storeId(t, "ber-mitte");
    const berlinMenu = await t.caller().menu.getMenu({ storeId: berlin });
    expect(berlinMenu.deals.map((d) => d.id)).not.toContain(id);
    await expectCode(
      t.caller(admin).menuImage.uploadLink({
        subject: { kind: "deal", id: "no-such-deal" },
        alt: { en: "x" },
        contentType: "image/jpeg",
        size: 1000,
      }),
      "NOT_FOUND",
      /no deal "no-such-deal"/,
    );
    expect(await t.caller(admin).menuImage.remove({ kind: "deal", id })).toEqual({ removed: true });
    expect((await menuDeal()).image).toBeNull();
    expect((await fetch(`${url}${image.src}`)).status).toBe(404);
    expect(await t.caller(admin).menuImage.remove({ kind: "deal", id })).toEqual({ removed: false });
  });

  it("refuses bad uploads with a sentence and changes nothing", async () => {
    const subject = { kind: "item" as const, id: "margherita" };
    const before = (await menuItem("margherita")).image;
    const ok = { subject, alt: { en: "A pizza" }, contentType: "image/jpeg", size: 1000 };
    const ask = (input: unknown, user: AuthUser | null = admin) =>
      t.caller(user).menuImage.uploadLink(input as typeof ok);
    await expectCode(ask({ ...ok, alt: undefined }), "BAD_REQUEST", /alt text/);
    await expectCode(ask({ ...ok, alt: { en: "   " } }), "BAD_REQUEST", /Describe the picture in English/);
    await expectCode(ask({ ...ok, alt: { en: "x".repeat(201) } }), "BAD_REQUEST", /under 200 characters/);
    await expectCode(ask({ ...ok, contentType: "text/html" }), "BAD_REQUEST", /JPEG, PNG or WebP/);
    await expectCode(ask({ ...ok, size: 9 * 1024 * 1024 }), "BAD_REQUEST", /at most 8 MB/);
    await expectCode(ask({ ...ok, subject: { kind: "item", id: "no_such_pizza" } }), "NOT_FOUND");
    await expectCode(ask({ ...ok, subject: { kind: "promo", id: "not-a-uuid" } }), "NOT_FOUND");
    await expectCode(ask(ok, await aStaff(t, "nyc-midtown")), "FORBIDDEN");
    await expectCode(ask(ok, await aCustomer(t)), "FORBIDDEN");
    await expectCode(ask(ok, null), "UNAUTHORIZED");
    // Bytes that are not a picture, and a picture too small for the card: refused after the upload.
    await expectCode(
      upload(admin, subject, Buffer.from("<svg onload=alert(1)>"), { en: "x" }, "image/png"),
      "BAD_REQUEST",
      /not an image/,
    );
    await expectCode(upload(admin, subject, await photo(200, 150)), "BAD_REQUEST", /at least 320×240 px/);
    // Another admin's upload key is not ours to save.
    const link = await ask(ok);
    const other = {
      id: "00000000-0000-4000-8000-000000000001",
      role: "admin" as const,
      storeId: null,
      name: "B",
    };
    await expectCode(t.caller(other).menuImage.save({ ...ok, key: link.key }), "BAD_REQUEST", /not arrived/);
    expect((await menuItem("margherita")).image).toEqual(before);
    // Nothing half-done stays in the blob store: only rendered pictures under menu-images/.
    const uploads = await t.platform.blobs.list(`menu-images/uploads/${admin.id}/`);
    expect(uploads.length).toBeLessThanOrEqual(1); // the link asked above was never used
  });

  it("limits uploads per admin per hour", async () => {
    const busy = { ...admin, id: (await aCustomer(t)).id };
    const input = {
      subject: { kind: "item" as const, id: "margherita" },
      alt: { en: "A pizza" },
      contentType: "image/png",
      size: 10,
    };
    for (let i = 0; i < IMAGE_UPLOADS_PER_HOUR; i++) await t.caller(busy).menuImage.uploadLink(input);
    await expectCode(t.caller(busy).menuImage.uploadLink(input), "TOO_MANY_REQUESTS", /please wait/);
  });
});
