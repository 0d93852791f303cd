// Makes an uploaded photo safe and small before it is stored: decoded (so it is a real image), turned
// upright by its EXIF orientation, shrunk to a largest edge, and re-encoded as JPEG or WebP without any
// metadata, so nothing stored or shown carries EXIF (GPS location, camera, time). For the blob store's
// photos and images (issue 20) and the help requests' photos.
import sharp from "sharp";
import { badRequest, type ErrorText } from "../errors.ts";

export interface NormaliseOptions {
  /** The largest width or height kept; smaller images are never enlarged. Default 1600. */
  maxEdge?: number;
  format?: "jpeg" | "webp";
  /** 1–100; default 82. */
  quality?: number;
  /** The sentence for a file that is not an image sharp can read (400). */
  unreadable?: ErrorText;
}

export interface NormalisedImage {
  bytes: Buffer;
  contentType: "image/jpeg" | "image/webp";
  width: number;
  height: number;
}

/** Refuses decompression bombs: at most 40 megapixels decoded. */
const MAX_INPUT_PIXELS = 40_000_000;

export async function normaliseImage(
  input: Buffer,
  options: NormaliseOptions = {},
): Promise<NormalisedImage> {
  const { maxEdge = 1600, format = "jpeg", quality = 82 } = options;
  try {
    const image = sharp(input, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: maxEdge, height: maxEdge, fit: "inside", withoutEnlargement: true });
    const encoded = format === "webp" ? image.webp({ quality }) : image.jpeg({ quality, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType: `image/${format}`, width: info.width, height: info.height };
  } catch {
    throw badRequest(
      options.unreadable ?? "That file is not an image we can read; send a JPEG, PNG or WebP image.",
    );
  }
}
