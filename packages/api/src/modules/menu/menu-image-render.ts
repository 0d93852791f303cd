// Renders an uploaded picture into the sizes the apps show (menu-images.ts, IMAGE_SIZES): decoded by
// sharp (so a file that is not an image is refused), turned upright, cropped to the card's or banner's
// ratio around what draws the eye (sharp's attention strategy), encoded as WebP without any metadata,
// and named by the SHA-256 of the result. Too small a picture is refused rather than blown up blurry.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { badRequest } from "../../errors.ts";
import { IMAGE_SIZES, type ImageSubjectKind, imageName } from "./menu-images.ts";

/** Refuses decompression bombs: at most 40 megapixels decoded (as infra/image-normalise.ts). */
const MAX_INPUT_PIXELS = 40_000_000;
const QUALITY = 80;
const KIND_WORDS = { item: "menu item", deal: "deal", promo: "promo banner" } as const;

export interface RenderedVariant {
  name: string;
  bytes: Buffer;
  width: number;
  height: number;
}

const unreadable = () =>
  badRequest("That file is not an image we can read; send a JPEG, PNG or WebP picture.", { field: "file" });

/** The picture's upright size (EXIF orientations 5–8 swap width and height). */
async function uprightSize(input: Buffer): Promise<{ width: number; height: number }> {
  try {
    const m = await sharp(input, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if (!m.width || !m.height) throw unreadable();
    return (m.orientation ?? 1) >= 5
      ? { width: m.height, height: m.width }
      : { width: m.width, height: m.height };
  } catch {
    throw unreadable();
  }
}

export async function renderVariants(input: Buffer, kind: ImageSubjectKind): Promise<RenderedVariant[]> {
  const sizes = IMAGE_SIZES[kind];
  const least = sizes[0]!;
  const size = await uprightSize(input);
  if (size.width < least.width || size.height < least.height)
    throw badRequest(
      `That picture is ${size.width}×${size.height} px; a ${KIND_WORDS[kind]} picture needs at least ${least.width}×${least.height} px.`,
      { field: "file" },
    );
  const out: RenderedVariant[] = [];
  for (const { width, height } of sizes) {
    let bytes: Buffer;
    try {
      bytes = await sharp(input, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS })
        .rotate()
        .resize({ width, height, fit: "cover", position: sharp.strategy.attention })
        .webp({ quality: QUALITY })
        .toBuffer();
    } catch {
      throw unreadable();
    }
    const hash = createHash("sha256").update(bytes).digest("hex");
    out.push({ name: imageName(hash, width, height), bytes, width, height });
  }
  return out;
}
