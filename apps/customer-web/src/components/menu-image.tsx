// A menu picture (an item's card or a promo banner): the API's sizes as srcset, width and height set so
// the card keeps its shape before the picture arrives (no layout shift), loaded lazily off screen.
import type { MenuItem } from "../order-state.ts";

export type MenuPicture = NonNullable<MenuItem["image"]>;

export function MenuImage({
  image,
  sizes,
  className,
}: {
  image: MenuPicture;
  sizes: string;
  className: string;
}) {
  return (
    <img
      className={className}
      src={image.src}
      srcSet={image.srcset}
      sizes={sizes}
      width={image.width}
      height={image.height}
      alt={image.alt}
      loading="lazy"
      decoding="async"
    />
  );
}
