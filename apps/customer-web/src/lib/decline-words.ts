// Card declines in the words of someone standing at their door, not a gateway log.

// Only a real decline by the card's bank is called one: a number the gateway could not read is a typo.
export function customerWords(reason: string | null) {
  if (!reason) return "Your bank declined this card. Try another card.";
  if (/(card )?number is (incorrect|invalid)|incorrect_number|invalid_number/i.test(reason))
    return "This card number is not valid. Check the digits on your card.";
  if (/security code|cvc/i.test(reason)) return "The security code is not right. Check the 3 or 4 digits.";
  if (/insufficient/i.test(reason)) return "The card was declined: not enough funds. Try another card.";
  if (/expired/i.test(reason)) return "This card has expired. Try another card.";
  if (/authenticat|3-?d/i.test(reason))
    return "The card's security check did not pass. Try again or use another card.";
  return `Your bank declined this card (${reason.replace(/\.$/, "")}). Try another card.`;
}
