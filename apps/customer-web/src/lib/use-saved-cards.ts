// The signed-in customer's cards saved at Stripe (`payment.savedCards`), and how a card is named on screen.
import { useSession, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import type { Translate } from "../i18n/index.tsx";

export type SavedCard = { id: string; brand: string; last4: string; expMonth: number; expYear: number };

/** Card brands are names, the same in every language. */
const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  jcb: "JCB",
  diners: "Diners Club",
  unionpay: "UnionPay",
};

/** "Visa •••• 4242, exp 12/30" in the customer's language. */
export function cardLabel(t: Translate, card: SavedCard): string {
  return t("cards.label", {
    brand: BRANDS[card.brand] ?? card.brand.charAt(0).toUpperCase() + card.brand.slice(1),
    last4: card.last4,
    month: String(card.expMonth).padStart(2, "0"),
    year: String(card.expYear % 100).padStart(2, "0"),
  });
}

/**
 * Saved cards exist only for signed-in customers with an account (not a guest checkout) on a server
 * that takes cards through Stripe: `enabled` says whether this customer may have and save any.
 */
export function useSavedCards(gateway: string | undefined) {
  const trpc = useTRPC();
  const { user } = useSession();
  const enabled = gateway === "stripe" && user !== null && user.role === "customer" && !user.guest;
  const cards = useQuery({ ...trpc.payment.savedCards.queryOptions(), enabled });
  return { enabled, cards };
}
