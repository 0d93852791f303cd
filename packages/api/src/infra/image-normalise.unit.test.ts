// The normalised image keeps no EXIF (the GPS position a phone writes is gone), is turned upright by its
// orientation, fits the largest edge, comes out as the asked format, and a non-image is a 400 sentence.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { normaliseImage } from "./image-normalise.ts";

/** Whether a JPEG's EXIF block (as sharp returns it) points to a GPS directory (TIFF tag 0x8825 in IFD0). */
function hasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(6); // after "Exif\0\0"
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  for (let i = 0; i < u16(ifd0); i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

/** A 400×200 phone photo taken sideways (orientation 6) in Midtown Manhattan. */
const phonePhoto = () =>
  sharp({ create: { width: 400, height: 200, channels: 3, background: "#c33" } })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: "PhoneCo", Model: "P1" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "40/1 45/1 3600/100",
        GPSLongitudeRef: "W",
        GPSLongitude: "73/1 59/1 0/1",
      },
    })
    .jpeg()
    .toBuffer();

describe("normaliseImage", () => {
  it("strips the GPS position and all other EXIF, and turns the photo upright", async () => {
    const input = await phonePhoto();
    const before = await sharp(input).metadata();
    expect(hasGps(before.exif), "the test photo carries a GPS position").toBe(true);
    expect(before.orientation).toBe(6);

    const out = await normaliseImage(input);
    const after = await sharp(out.bytes).metadata();
    expect(hasGps(after.exif)).toBe(false);
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(out.bytes.includes(Buffer.from("PhoneCo"))).toBe(false);
    expect([after.format, after.width, after.height]).toEqual(["jpeg", 200, 400]);
    expect(out).toMatchObject({ contentType: "image/jpeg", width: 200, height: 400 });
  });

  it("shrinks to the largest edge without enlarging, and re-encodes as WebP when asked", async () => {
    const big = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: "#3c3" } })
      .png()
      .toBuffer();
    const out = await normaliseImage(big, { maxEdge: 1200, format: "webp" });
    expect(out).toMatchObject({ contentType: "image/webp", width: 1200, height: 600 });
    expect((await sharp(out.bytes).metadata()).format).toBe("webp");
    const small = await normaliseImage(await phonePhoto(), { maxEdge: 1600 });
    expect([small.width, small.height]).toEqual([200, 400]);
  });

  it("answers a file that is not an image with a 400 sentence (the caller's, when given)", async () => {
    await expect(normaliseImage(Buffer.from("not an image"))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "That file is not an image we can read; send a JPEG, PNG or WebP image.",
    });
    await expect(normaliseImage(Buffer.from("x"), { unreadable: "Not a photo." })).rejects.toMatchObject({
      message: "Not a photo.",
    });
  });
});
