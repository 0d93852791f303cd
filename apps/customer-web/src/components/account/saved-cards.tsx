// The account's cards saved at Stripe: the list, and removing one (after the customer confirms).
import { errorMessage, FormError, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useT } from "../../i18n/index.tsx";
import { cardLabel, type SavedCard, useSavedCards } from "../../lib/use-saved-cards.ts";

/** Shown only on a server that takes cards through Stripe, to customers with an account. */
export function SavedCards() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const config = useQuery(trpc.payment.config.queryOptions());
  const { enabled, cards } = useSavedCards(config.data?.gateway);
  const [notice, setNotice] = useState("");
  const remove = useMutation(
    trpc.payment.removeSavedCard.mutationOptions({
      onSuccess: (left) => queryClient.setQueryData(trpc.payment.savedCards.queryKey(), left),
    }),
  );
  if (!enabled) return null;

  function removeCard(card: SavedCard) {
    const label = cardLabel(t, card);
    if (!window.confirm(t("cards.confirmRemove", { card: label }))) return;
    setNotice("");
    remove.mutate({ cardId: card.id }, { onSuccess: () => setNotice(t("cards.removed", { card: label })) });
  }

  return (
    <section className="card stack" aria-labelledby="saved-cards-heading" data-testid="saved-cards">
      <h2 id="saved-cards-heading">{t("cards.title")}</h2>
      {notice ? (
        <p className="small success" role="status">
          {notice}
        </p>
      ) : null}
      {cards.isPending ? (
        <p className="muted" role="status">
          {t("cards.loading")}
        </p>
      ) : cards.isError ? (
        <FormError message={errorMessage(cards.error)} />
      ) : cards.data.length === 0 ? (
        <p className="muted">{t("cards.none")}</p>
      ) : (
        <ul className="address-list" aria-label={t("cards.title")}>
          {cards.data.map((card) => (
            <li key={card.id} className="address" data-testid="saved-card">
              <p className="address__text">{cardLabel(t, card)}</p>
              <div className="address__actions">
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={remove.isPending}
                  aria-label={t("cards.removeLabel", { card: cardLabel(t, card) })}
                  onClick={() => removeCard(card)}
                >
                  {t("cards.remove")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {remove.isError ? <FormError message={errorMessage(remove.error)} /> : null}
      <p className="small muted">{t("cards.note")}</p>
    </section>
  );
}
