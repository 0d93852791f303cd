// The server's sentences to customers, in English (the default, and the source of the other catalogs).
// ICU MessageFormat: `{store}` a name, `{n, number}` a quantity in the reader's locale, money arguments
// arrive already formatted for the reader. Every key must exist in de.ts and ja.ts with the same
// placeholders (catalogs.unit.test.ts). Staff- and driver-only sentences are English and not here.
export const en = {
  "server.internal": "Something went wrong on our side. Please try again in a moment.",

  "auth.signInFirst": "Please sign in to continue.",
  "auth.notAllowed": "Your account is not allowed to do this.",
  "auth.invalidCredentials": "The email, phone number or password is not correct.",
  "auth.confirmFirst":
    "Confirm your {channel, select, email {email address} other {phone number}} first: enter the code we sent you, or ask for a new one.",
  "auth.sessionEnded": "Your session has ended. Please sign in again.",
  "auth.codeVoid": "That code has expired or was tried too often; ask for a new one.",
  "auth.codeWrong": "That code is not correct.",
  "auth.codeUsedSignIn": "That code has already been used; sign in.",
  "auth.codeUsedAskNew": "That code has already been used; ask for a new one.",
  "auth.resetLinkVoid": "This link has expired or was already used; ask for a new one.",
  "auth.claimLinkVoid":
    "This link has expired or was already used. Your receipt's newest link may still work.",
  "auth.emailTaken":
    "An account with this email address already exists: sign in to it (or use “Forgot password?”).",
  "auth.contactRequired": "Give an email address or a phone number.",
  "auth.phoneInvalid": "That phone number is not valid.",
  "auth.phoneInvalidNoCountry":
    "That phone number is not valid; include the country code, like +1 212 555 0100.",
  "auth.nothingToVerify":
    "Your account has no {channel, select, email {email address} other {phone number}} to verify.",
  "auth.oidcStateMissing":
    "This sign-in could not be checked: it took more than 10 minutes, or it was started in another browser. Start again from the sign-in page.",
  "auth.oidcStateMismatch":
    "This sign-in was stopped for your safety: the answer from {provider} does not belong to the sign-in started in this browser (wrong state). Start again from the sign-in page.",
  "auth.oidcNonce":
    "This sign-in was stopped for your safety: the identity {provider} sent was not issued for this sign-in (nonce mismatch). Start again from the sign-in page.",
  "auth.oidcDenied":
    "You cancelled signing in with {provider}, so nothing was shared with us. Sign in another way, or try again.",
  "auth.oidcFailed": "{provider} could not sign you in. Try again, or sign in another way.",
  "auth.oidcUnavailable":
    "{provider} is not answering right now. Try again in a moment, or sign in another way.",
  "auth.oidcNoEmail":
    "{provider} did not share an email address with us, and we need one for your account. Allow it at {provider}, or sign up with your email.",
  "auth.oidcAccountExists":
    "An account with this email already exists; sign in with your password, then confirm your email address on your account page and continue with {provider} again to link it.",
  "auth.oidcIdpEmailUnverified":
    "An account with this email already exists, and {provider} has not verified that this email is yours, so we cannot link them. Sign in with your password (or use “Forgot password?”).",
  "auth.oidcTicketVoid":
    "This sign-in has expired or was already completed. Start again from the sign-in page.",
  "auth.staffUseIdp": "Staff of this region sign in with {provider}: use “Continue with {provider}”.",

  "order.notFound": "We could not find that order.",
  "order.findMiss":
    "We couldn't find that order. Check the order number and use the email or phone number you gave with it.",
  "order.trackLinkVoid": "This tracking link does not work (any more). Use Find my order instead.",
  "order.notAccepting": "{store} is not taking orders right now.",
  "order.deliveryPaused": "{store} has paused delivery for a moment; carryout is still possible.",
  "order.priceChanged": "The price of your order has changed; please review the new total.",
  "order.chooseStoreOrLocation": "Choose a store or give a delivery location.",
  "order.outsideZone": "This store doesn't deliver to that address; choose carryout or another store.",
  "order.tooManyUnpaid":
    "You already have {max, number} orders waiting for payment. Pay for one or cancel it before placing another; unpaid orders are cancelled automatically after a few minutes.",
  "order.outOfStock": "{item} is out of stock at this store right now.",
  "order.onlyLeft": "Only {remaining, number} × {item} left at this store.",
  "order.soldOut": "{item} is sold out at this store.",
  "order.closed": "{store} is closed right now.",
  "order.closedOpensAt":
    "{store} is closed right now; it opens at {opensAt}. You can schedule the order for later.",
  "order.kitchenFull": "{store}'s kitchen is fully booked for the next hours; please try again later.",
  "order.tooSoon": "That time is too soon for a scheduled order; order ASAP instead or pick a later time.",
  "order.tooFarAhead": "Orders can be scheduled at most {days, number} days ahead.",
  "order.slotsTooFarAhead": "Times can be looked up at most {days, number} days ahead.",
  "order.outsideHours": "{store} is closed at that time; choose a time within its opening hours.",
  "order.slotFull": "That time is fully booked. These times are still free.",
  "order.slotJustBooked": "That time has just been booked up; please choose another slot.",
  "order.kitchenJustFilled": "The kitchen has just filled up; please try again for a later time.",
  "order.minimum": "Delivery starts at {minimum}; add {missing} more or choose carryout.",
  "order.noTips": "{store} does not take tips (they are not customary there); please remove the tip.",
  "order.cancelledByCustomer": "cancelled by the customer",
  "order.cancelledByStore": "cancelled by the store",
  "order.expiredUnpaid":
    "We cancelled this order because its payment was not completed within {minutes, plural, one {# minute} other {# minutes}}. Nothing was charged.",
  "order.expiredChallenge":
    "We cancelled this order because its card verification was not completed within {minutes, plural, one {# minute} other {# minutes}}. Nothing was charged.",
  "order.expiredInFlight":
    "We cancelled this order because its payment was not completed within {minutes, plural, one {# minute} other {# minutes}}. If your bank still charges your card, the full amount is refunded automatically.",

  "promo.unknown": "We don't know the code {code}.",
  "promo.inactive": "The code {code} is no longer active.",
  "promo.notStarted": "The code {code} starts on {date} (store time).",
  "promo.expired": "The code {code} expired on {date} (store time).",
  "promo.wrongRegion": "The code {code} is not valid in this region.",
  "promo.wrongStore": "The code {code} is not valid at {store}.",
  "promo.wrongCurrency": "The code {code} is not valid in this region's currency.",
  "promo.dealWrongRegion": "The deal {code} is not offered in this region.",
  "promo.belowMinimum":
    "The code {code} needs an order of at least {minimum} (before delivery and tip); add {missing} more.",
  "promo.firstOrderOnly": "The code {code} is for a first order only.",
  "promo.customerLimit": "You have already used the code {code}{limit, plural, =1 {} other { # times}}.",
  "promo.usedUp": "The code {code} has been used up.",
  "promo.justUsedUp": "The code {code} has just been used up; remove it to place the order.",
  "promo.alreadyUsed": "You have already used the code {code}.",
  "promo.nothingToDiscount": "There is nothing to discount yet.",
  "promo.deliveryOnly": "This code gives free delivery, so it only works for delivery orders.",
  "loyalty.rewardNotFound": "That reward is not offered at {store}; choose one from the list.",
  "loyalty.rewardDropped":
    "The reward {reward} no longer applies to this order, so it was removed and its {points} points are back in your account.",
  "loyalty.tooFewPoints": "You have {balance} points; this reward needs {needed}.",
  "promo.addItem": "Add {item} to your order to get it free.",
  "promo.needsBundle": "This deal needs {what} in your order.",
  "promo.cheaperAlready": "Your items already cost less than this deal.",

  "payment.alreadyPaid": "This order is already paid.",
  "payment.orderCancelled": "This order was cancelled, so it cannot be paid.",
  "payment.currencyMismatch": "This order is priced in {ordered}; it cannot be paid in {asked}.",
  "payment.cashOrder": "This order is paid in cash on delivery; there is nothing to pay by card now.",
  "payment.chooseOneWay": "Choose one way to pay: a payment method or a saved card.",
  "payment.paypalUnavailable": "PayPal is not available here; please pay by card or cash.",
  "payment.savedCardNotFound": "That saved card was not found.",
  "payment.savedCardsNeedStripe":
    "Saving a card needs Stripe; this server takes cards through its test gateway, which keeps none.",
  "payment.savedCardNeedsAccount": "Create an account to save a card; a guest checkout keeps no card.",
  "payment.cardDataRefused": "Card numbers are not accepted by this server; please use the secure card form.",
  "payment.cardOrder":
    "This order was placed for card payment; cash on delivery is chosen when placing the order.",
  "payment.changedMeanwhile": "The order changed at the same moment; please try again.",
  "payment.gatewaySilent": "The payment gateway did not answer; please try again in a moment.",
  "payment.nothingWaiting": "There is no card payment waiting for authentication on this order.",
  "payment.intentUnknown":
    "The payment gateway does not know this card verification any more; please pay for the order again.",
  "payment.inProgress": "A payment is in progress for this order; finish or cancel it first.",

  "geo.unavailable":
    "Address search is not available right now. Place the pin on the map, or try again in a moment.",
  "store.notFound": "We could not find that store.",
  "store.noDeliveryCarryoutAt":
    "We don't deliver there yet. You can still order for carryout, for example from {store} ({km, number, ::.0} km).",
  "store.noDeliveryNoCarryout":
    "We don't deliver there yet, and none of our stores is near enough for carryout.",
  "store.closedThere": "{store}, which delivers there, is closed right now.",
  "store.closedThereOpensAt": "{store}, which delivers there, is closed right now and opens at {opensAt}.",

  "help.orderCancelled": "This order was cancelled; there is nothing to help with.",
  "help.orderUnpaid": "This order is not paid yet; finish or cancel the payment first.",
  "help.chooseLines": "Choose lines of this order.",
  "help.chooseItem": "Choose which item it was.",
  "help.photoGone": "That photo was not found; upload it again.",
  "help.alreadyAsked": "You already asked for help with this order; the store will answer it soon.",
  "help.photoUnreadable": "That file is not a photo we can read; send a JPEG, PNG or WebP image.",
  "help.photoType": "Send the photo as a JPEG, PNG or WebP image.",
  "help.photoEmpty": "The photo is empty.",
  "help.photoTooLarge": "The photo is larger than {mb, number} MB.",
  "help.photoNotFound": "We could not find that photo.",
  "help.photoRemoved": "This photo was deleted after the retention period.",
  "help.signInToSend": "Sign in to send a photo.",
  "help.signInToSee": "Sign in to see this photo.",
} as const;

export type MessageKey = keyof typeof en;
