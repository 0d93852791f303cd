// The promo banners above a store's menu (issue 22): the promos anyone may use there now that have a
// picture (`menuImage.promoBanners`), each with its code to type at checkout. Nothing shows without any.
import { useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { useT } from "../i18n/index.tsx";
import { appLocale } from "../lib/app-locale.ts";
import { MenuImage } from "./menu-image.tsx";

export function PromoBanners({ storeId }: { storeId: string }) {
  const t = useT();
  const trpc = useTRPC();
  const banners = useQuery({
    ...trpc.menuImage.promoBanners.queryOptions({ storeId, locale: appLocale() }),
    staleTime: 60_000,
  });
  if (!banners.data || banners.data.length === 0) return null;
  return (
    <section className="promo-banners" aria-label={t("menu.offers")}>
      {banners.data.map((b) => (
        <figure key={b.id} className="promo-banner" data-testid={`promo-${b.code}`}>
          <MenuImage
            image={b.image}
            sizes="(min-width: 64rem) 60rem, 100vw"
            className="promo-banner__image"
          />
          <figcaption className="promo-banner__caption">
            <strong>{t("menu.offerCode", { code: b.code })}</strong>
            {b.description ? <span className="small">{b.description}</span> : null}
          </figcaption>
        </figure>
      ))}
    </section>
  );
}
