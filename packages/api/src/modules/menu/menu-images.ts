// Item, deal and promo images (issue 22): the sizes the apps show, where the pictures live and how a row of
// `menu_images` becomes what a customer's page needs (src, srcset, width, height, alt in the menu's
// locale). A picture is a WebP named by the SHA-256 of its bytes and its pixel size, so its URL
// (`/images/menu/<sha256>-640x480.webp`, served by menu-image-routes.ts) never changes meaning and is
// cached for a year; a new upload is a new name.

/** A deal has a picture like an item (a 4:3 card on the menu); a promo has a banner. */
export type ImageSubjectKind = "item" | "deal" | "promo";
export const IMAGE_SUBJECT_KINDS = ["item", "deal", "promo"] as const;

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
/** The largest upload accepted (a phone's or camera's full-size JPEG fits). */
export const IMAGE_MAX_BYTES = 8 * 1024 * 1024;
/** Uploads one admin may start per hour. */
export const IMAGE_UPLOADS_PER_HOUR = 30;
export const ALT_MAX_CHARS = 200;

/**
 * What is rendered for each kind: a menu card (an item's or a deal's) shows a 4:3 picture, a promo
 * banner a 16:5 strip; each in two widths (one-x and two-x screens) for srcset. The smallest is also
 * the least accepted.
 */
const CARD = [
  { width: 320, height: 240 },
  { width: 640, height: 480 },
] as const;
export const IMAGE_SIZES: Record<ImageSubjectKind, readonly { width: number; height: number }[]> = {
  item: CARD,
  deal: CARD,
  promo: [
    { width: 640, height: 200 },
    { width: 1280, height: 400 },
  ],
};

/** Where the public route serves them, and the blob store's folder for them. */
export const IMAGE_ROUTE = "/images/menu/";
export const IMAGE_FOLDER = "menu-images/";
/** Raw uploads before they are checked and rendered: one folder per admin. */
export const uploadFolder = (userId: string) => `${IMAGE_FOLDER}uploads/${userId}/`;

const NAME = /^([0-9a-f]{64})-(\d{2,4})x(\d{2,4})\.webp$/;

/** A variant's file name (`<sha256>-<w>x<h>.webp`) taken apart; null when it is not one of ours. */
export function parseImageName(name: string): { hash: string; width: number; height: number } | null {
  const m = NAME.exec(name);
  return m ? { hash: m[1]!, width: Number(m[2]), height: Number(m[3]) } : null;
}

export const imageName = (hash: string, width: number, height: number) => `${hash}-${width}x${height}.webp`;

/** What the apps get: `src` is the largest size, `width`/`height` its pixels (for the aspect ratio). */
export interface MenuImage {
  src: string;
  srcset: string;
  width: number;
  height: number;
  alt: string;
}

export interface MenuImageRow {
  variants: string[];
  alt_en: string;
  alt_de: string | null;
  alt_ja: string | null;
}

/** The alt text in `locale`, English when that language has none. */
export function altIn(row: MenuImageRow, locale: string): string {
  const own = locale === "de" ? row.alt_de : locale === "ja" ? row.alt_ja : null;
  return own ?? row.alt_en;
}

export function imageView(row: MenuImageRow, locale: string): MenuImage | null {
  const sizes = row.variants
    .map((name) => ({ name, size: parseImageName(name) }))
    .filter((v): v is { name: string; size: NonNullable<ReturnType<typeof parseImageName>> } => !!v.size)
    .sort((a, b) => a.size.width - b.size.width);
  const largest = sizes.at(-1);
  if (!largest) return null;
  return {
    src: `${IMAGE_ROUTE}${largest.name}`,
    srcset: sizes.map((v) => `${IMAGE_ROUTE}${v.name} ${v.size.width}w`).join(", "),
    width: largest.size.width,
    height: largest.size.height,
    alt: altIn(row, locale),
  };
}
