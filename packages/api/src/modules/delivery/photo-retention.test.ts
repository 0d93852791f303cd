// Delivery photos are deleted after the retention period, on real PostgreSQL, with the filesystem store
// and with S3 against a local s3rver: a delivery past the cutoff loses its photo and the raw uploads left
// in its folder, its keys are cleared and the store and the customer read "removed after N days"; a recent
// one keeps its photo; a photo already gone is not an error; two nodes sweeping at once delete each
// blob once (rows claimed FOR UPDATE SKIP LOCKED).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlobStore } from "../../infra/blob-store.ts";
import { S3BlobStore } from "../../infra/blob-store-s3.ts";
import { aCustomer, aDeliveryOrder, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { startTestS3Server } from "../../testing/s3-server.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { deliveryFolder, sweepDeliveryPhotos } from "./photo-retention.ts";

const DAY = 86_400_000;
const real = backings.find((b) => b.redis)!;

/** The store under test, each delete counted (and slowed a little, so two sweeps overlap). */
function counting(store: BlobStore) {
  const deletes: string[] = [];
  const counted: BlobStore = {
    name: store.name,
    put: (key, bytes, type) => store.put(key, bytes, type),
    get: (key) => store.get(key),
    head: (key) => store.head(key),
    list: (prefix, options) => store.list(prefix, options),
    signUpload: (key, request) => store.signUpload(key, request),
    signDownload: (key, options) => store.signDownload(key, options),
    async delete(key) {
      deletes.push(key);
      await new Promise((r) => setTimeout(r, 10));
      return store.delete(key);
    },
  };
  return { store: counted, deletes };
}

const adapters: {
  name: string;
  open(t: TestPlatform): Promise<{ store: BlobStore; close(): Promise<void> }>;
}[] = [
  {
    name: "the filesystem store",
    async open(t) {
      return { store: t.platform.blobs, close: async () => {} };
    },
  },
  {
    name: "S3 (s3rver)",
    async open() {
      const server = await startTestS3Server();
      const store = new S3BlobStore(server.settings);
      return {
        store,
        async close() {
          store.close();
          await server.close();
        },
      };
    },
  },
];

describe.each(adapters)("delivery photo retention on PostgreSQL with $name", (adapter) => {
  let t: TestPlatform;
  let blobDir: string;
  let blobs: BlobStore;
  let closeStore: () => Promise<void>;
  let midtown: string;
  let staff: AuthUser;

  beforeAll(async () => {
    blobDir = await mkdtemp(join(tmpdir(), "retention-blobs-"));
    t = await createTestPlatform(real, { seed: true, env: { BLOB_DIR: blobDir } });
    ({ store: blobs, close: closeStore } = await adapter.open(t));
    midtown = await storeId(t, "nyc-midtown");
    staff = await aStaff(t, "nyc-midtown");
  });
  afterAll(async () => {
    await closeStore?.();
    await t?.close();
    await rm(blobDir, { recursive: true, force: true });
  });

  /** A delivered delivery `daysAgo` days ago, its photo (and a raw upload left beside it) in the store. */
  async function delivered(daysAgo: number, withPhoto = true) {
    const customer = await aCustomer(t);
    const order = await t
      .caller(customer)
      .order.placeOrder(aDeliveryOrder(midtown, { paymentMethod: "cash" }));
    const row = await t.platform.db
      .insertInto("deliveries")
      .values({
        order_id: order.id,
        region_code: "us",
        store_id: midtown,
        status: "delivered",
        delivered_at: new Date(Date.now() - daysAgo * DAY),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const photoKey = `${deliveryFolder(row.id)}photo-x.jpg`;
    if (withPhoto) {
      await blobs.put(photoKey, Buffer.from("jpeg bytes"), "image/jpeg");
      await blobs.put(`${deliveryFolder(row.id)}upload-left-behind`, Buffer.from("raw"), "image/jpeg");
      await t.platform.db
        .updateTable("deliveries")
        .set({ photo_key: photoKey })
        .where("id", "=", row.id)
        .execute();
    }
    return { id: row.id, orderId: order.id, customer, photoKey };
  }

  const rowOf = (id: string) =>
    t.platform.db
      .selectFrom("deliveries")
      .select(["photo_key", "proof_removed_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  it("deletes the photos of deliveries past the cutoff, keeps recent ones, and says so to the store and the customer", async () => {
    const old = await delivered(91);
    const recent = await delivered(89);
    const options = { db: t.platform.db, blobs, retentionDays: 90 };
    expect(await sweepDeliveryPhotos(options)).toBe(1);

    expect(await blobs.head(old.photoKey)).toBeNull();
    expect(await blobs.list(deliveryFolder(old.id))).toEqual([]);
    const after = await rowOf(old.id);
    expect(after.photo_key).toBeNull();
    expect(after.proof_removed_at).toBeInstanceOf(Date);
    expect(await blobs.head(recent.photoKey)).not.toBeNull();
    expect((await rowOf(recent.id)).photo_key).toBe(recent.photoKey);

    for (const viewer of [staff, old.customer]) {
      const { proof } = await t.caller(viewer).delivery.getDeliveryStatus({ orderId: old.orderId });
      expect(proof).toMatchObject({ photoUrl: null, photoRemoved: { afterDays: 91 } });
    }
    const { proof } = await t.caller(recent.customer).delivery.getDeliveryStatus({ orderId: recent.orderId });
    expect(proof?.photoRemoved).toBeNull();
    expect(proof?.photoUrl).toEqual(expect.any(String));

    // Nothing left to do: the next sweep changes nothing; a shorter retention takes the recent one.
    expect(await sweepDeliveryPhotos(options)).toBe(0);
    expect(await sweepDeliveryPhotos({ ...options, retentionDays: 30 })).toBe(1);
    expect(await blobs.head(recent.photoKey)).toBeNull();
  });

  it("clears the key of a photo already gone from the store (a sweep cut short after deleting)", async () => {
    const gone = await delivered(120);
    await blobs.delete(gone.photoKey);
    expect(await sweepDeliveryPhotos({ db: t.platform.db, blobs, retentionDays: 90 })).toBe(1);
    expect(await rowOf(gone.id)).toMatchObject({ photo_key: null, proof_removed_at: expect.any(Date) });
  });

  it("deletes each photo once when two nodes sweep at the same time, in batches", async () => {
    const many = await Promise.all(Array.from({ length: 6 }, () => delivered(200)));
    const counted = counting(blobs);
    const options = { db: t.platform.db, blobs: counted.store, retentionDays: 90, batch: 2 };
    const node = async () => {
      let n = 0;
      for (let round = 0; round < 10; round++) {
        const done = await sweepDeliveryPhotos(options);
        n += done;
        if (done === 0) break;
      }
      return n;
    };
    const [a, b] = await Promise.all([node(), node()]);
    expect(a + b).toBe(6);
    for (const d of many) {
      expect(
        counted.deletes.filter((k) => k === d.photoKey),
        d.photoKey,
      ).toHaveLength(1);
      expect((await rowOf(d.id)).photo_key).toBeNull();
    }
  });
});
