// Card declines in the words of someone standing at their door, not a gateway log.

export function customerWords(reason: string | null) {
  if (!reason) return "Your bank declined this card. Try another card.";
  if (/insufficient/i.test(reason)) return "The card was declined: not enough funds. Try another card.";
  if (/expired/i.test(reason)) return "This card has expired. Try another card.";
  if (/authenticat|3-?d/i.test(reason))
    return "The card's security check did not pass. Try again or use another card.";
  return `Your bank declined this card (${reason.replace(/\.$/, "")}). Try another card.`;
}
