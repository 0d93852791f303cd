// The region's deals on the menu (issue 22): one card per deal with what it holds, its price, and what the
// cart still needs for it ("Add 1 × Medium pizza to get this deal"); once the cart holds it all, the card
// says the price applies, and the cart shows the saving the server computed. A deal with a picture shows
// it as an item's card does (menu-image.tsx: 4:3, lazy, width/height, alt in the menu's language).
import { type Translate, useT } from "../../i18n/index.tsx";
import { type DealSlot, type MenuDeal, missingPerSlot, slotVariantName } from "../../lib/deal-progress.ts";
import { moneyIn } from "../../money.ts";
import type { Cart, MenuData } from "../../order-state.ts";
import { MenuImage } from "../menu-image.tsx";

const KIND_WORDS = {
  pizza: "deal.kind.pizza",
  side: "deal.kind.side",
  dessert: "deal.kind.dessert",
  drink: "deal.kind.drink",
} as const;

/** "Medium 12" pizza", "Margherita", "drink": the slot as the menu names what it takes. */
function slotWhat(slot: DealSlot, menu: MenuData, t: Translate): string {
  const item = slot.itemId ? menu.items.find((i) => i.id === slot.itemId) : undefined;
  const variant = slotVariantName(slot, menu);
  const what = item?.name ?? t(KIND_WORDS[slot.kind]);
  return variant ? `${variant} ${what}` : what;
}

export function DealCards({ menu, cart }: { menu: MenuData; cart: Cart }) {
  const t = useT();
  if (menu.deals.length === 0) return null;
  const money = moneyIn(menu.region);
  const kindOf = (itemId: string) => menu.items.find((i) => i.id === itemId)?.kind;
  const units = cart.lines.map((l) => ({
    itemId: l.line.itemId,
    // A pizza's size may come as `size` (the builder's) or `variant`.
    variant: l.line.variant ?? l.line.size ?? "",
    quantity: l.line.quantity ?? 1,
  }));
  return (
    <section id="cat-deals" className="stack" aria-labelledby="cat-h-deals">
      <h2 id="cat-h-deals">{t("deal.heading")}</h2>
      <ul className="menu-grid">
        {menu.deals.map((deal: MenuDeal) => {
          const missing = missingPerSlot(deal, units, kindOf);
          const contents = deal.slots.map((s) =>
            t("deal.slot", { count: s.quantity, what: slotWhat(s, menu, t) }),
          );
          const toAdd = deal.slots
            .map((s, i) =>
              missing[i]! > 0 ? t("deal.slot", { count: missing[i]!, what: slotWhat(s, menu, t) }) : null,
            )
            .filter((x): x is string => x !== null);
          return (
            <li key={deal.id} className="menu-card card deal-card" data-testid={`deal-${deal.id}`}>
              {deal.image ? (
                <MenuImage
                  image={deal.image}
                  sizes="(min-width: 40rem) 20rem, 100vw"
                  className="menu-card__image"
                />
              ) : null}
              <div className="stack stack--tight">
                <div className="menu-card__title">
                  <h3>{deal.name}</h3>
                  <span className="badge">{t("deal.badge")}</span>
                </div>
                <p className="small">{contents.join(" + ")}</p>
                <p className="small muted" data-testid="deal-hint">
                  {toAdd.length > 0 ? t("deal.toAdd", { items: toAdd.join(", ") }) : t("deal.inCart")}
                </p>
              </div>
              <div className="menu-card__foot">
                <strong>{t("deal.price", { price: money(deal.price) })}</strong>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
