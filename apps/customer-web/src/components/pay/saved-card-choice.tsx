// At checkout with Stripe: pay with one of the customer's saved cards, or with a new one (the Payment Element).
import { useT } from "../../i18n/index.tsx";
import { cardLabel, type SavedCard } from "../../lib/use-saved-cards.ts";

export const NEW_CARD = "new";

export function SavedCardChoice({
  cards,
  chosen,
  onChoose,
}: {
  cards: SavedCard[];
  chosen: string;
  onChoose(choice: string): void;
}) {
  const t = useT();
  const option = (value: string, label: string) => (
    <label key={value} className="choice">
      <input
        type="radio"
        name="saved-card"
        value={value}
        checked={chosen === value}
        onChange={() => onChoose(value)}
      />{" "}
      {label}
    </label>
  );
  return (
    <fieldset className="stack" data-testid="saved-card-choice">
      <legend>{t("cards.payWith")}</legend>
      {cards.map((card) => option(card.id, cardLabel(t, card)))}
      {option(NEW_CARD, t("cards.newCard"))}
    </fieldset>
  );
}
