// The server's sentences in German (du, like the customer web). Same keys and placeholders as en.ts.
import type { MessageKey } from "./en.ts";

export const de: Record<MessageKey, string> = {
  "server.internal": "Bei uns ist etwas schiefgelaufen. Bitte versuch es gleich noch einmal.",

  "auth.signInFirst": "Bitte melde dich an, um fortzufahren.",
  "auth.notAllowed": "Dein Konto darf das nicht.",
  "auth.invalidCredentials": "E-Mail, Telefonnummer oder Passwort stimmen nicht.",
  "auth.confirmFirst":
    "Bestätige zuerst deine {channel, select, email {E-Mail-Adresse} other {Telefonnummer}}: Gib den Code ein, den wir dir geschickt haben, oder fordere einen neuen an.",
  "auth.sessionEnded": "Deine Sitzung ist abgelaufen. Bitte melde dich erneut an.",
  "auth.codeVoid": "Dieser Code ist abgelaufen oder wurde zu oft versucht; fordere einen neuen an.",
  "auth.codeWrong": "Dieser Code stimmt nicht.",
  "auth.codeUsedSignIn": "Dieser Code wurde schon verwendet; melde dich an.",
  "auth.codeUsedAskNew": "Dieser Code wurde schon verwendet; fordere einen neuen an.",
  "auth.resetLinkVoid": "Dieser Link ist abgelaufen oder wurde schon verwendet; fordere einen neuen an.",
  "auth.claimLinkVoid":
    "Dieser Link ist abgelaufen oder wurde schon verwendet. Der neueste Link in deiner Quittung funktioniert vielleicht noch.",
  "auth.emailTaken":
    "Es gibt schon ein Konto mit dieser E-Mail-Adresse: Melde dich damit an (oder nutze „Passwort vergessen?“).",
  "auth.contactRequired": "Gib eine E-Mail-Adresse oder eine Telefonnummer an.",
  "auth.phoneInvalid": "Diese Telefonnummer ist ungültig.",
  "auth.phoneInvalidNoCountry":
    "Diese Telefonnummer ist ungültig; gib die Landesvorwahl mit an, z. B. +49 30 1234567.",
  "auth.nothingToVerify":
    "Dein Konto hat keine {channel, select, email {E-Mail-Adresse} other {Telefonnummer}}, die bestätigt werden kann.",
  "auth.oidcStateMissing":
    "Diese Anmeldung konnte nicht geprüft werden: Sie hat länger als 10 Minuten gedauert oder wurde in einem anderen Browser begonnen. Fang auf der Anmeldeseite neu an.",
  "auth.oidcStateMismatch":
    "Diese Anmeldung wurde zu deiner Sicherheit gestoppt: Die Antwort von {provider} gehört nicht zu der Anmeldung, die in diesem Browser begonnen wurde (falscher State). Fang auf der Anmeldeseite neu an.",
  "auth.oidcNonce":
    "Diese Anmeldung wurde zu deiner Sicherheit gestoppt: Die Identität, die {provider} geschickt hat, wurde nicht für diese Anmeldung ausgestellt (Nonce passt nicht). Fang auf der Anmeldeseite neu an.",
  "auth.oidcDenied":
    "Du hast die Anmeldung mit {provider} abgebrochen, es wurde nichts mit uns geteilt. Melde dich anders an oder versuch es noch einmal.",
  "auth.oidcFailed":
    "{provider} konnte dich nicht anmelden. Versuch es noch einmal oder melde dich anders an.",
  "auth.oidcUnavailable":
    "{provider} antwortet gerade nicht. Versuch es gleich noch einmal oder melde dich anders an.",
  "auth.oidcNoEmail":
    "{provider} hat uns keine E-Mail-Adresse mitgeteilt, und wir brauchen eine für dein Konto. Erlaube es bei {provider} oder registriere dich mit deiner E-Mail.",
  "auth.oidcAccountExists":
    "Es gibt schon ein Konto mit dieser E-Mail-Adresse; melde dich mit deinem Passwort an, bestätige deine E-Mail-Adresse auf deiner Kontoseite und fahre dann noch einmal mit {provider} fort, um beides zu verknüpfen.",
  "auth.oidcIdpEmailUnverified":
    "Es gibt schon ein Konto mit dieser E-Mail-Adresse, und {provider} hat nicht bestätigt, dass sie dir gehört, deshalb können wir beides nicht verknüpfen. Melde dich mit deinem Passwort an (oder nutze „Passwort vergessen?“).",
  "auth.oidcTicketVoid":
    "Diese Anmeldung ist abgelaufen oder wurde schon abgeschlossen. Fang auf der Anmeldeseite neu an.",
  "auth.staffUseIdp":
    "Mitarbeitende dieser Region melden sich mit {provider} an: Nutze „Weiter mit {provider}“.",

  "order.notFound": "Wir konnten diese Bestellung nicht finden.",
  "order.findMiss":
    "Wir konnten diese Bestellung nicht finden. Prüfe die Bestellnummer und nimm die E-Mail-Adresse oder Telefonnummer, die du bei der Bestellung angegeben hast.",
  "order.trackLinkVoid":
    "Dieser Tracking-Link funktioniert nicht (mehr). Nutze stattdessen „Bestellung finden“.",
  "order.notAccepting": "{store} nimmt gerade keine Bestellungen an.",
  "order.deliveryPaused": "{store} liefert gerade kurz nicht; Abholung ist weiterhin möglich.",
  "order.priceChanged": "Der Preis deiner Bestellung hat sich geändert; bitte prüfe die neue Summe.",
  "order.chooseStoreOrLocation": "Wähle eine Filiale oder gib einen Lieferort an.",
  "order.outsideZone":
    "Diese Filiale liefert nicht an diese Adresse; wähle Abholung oder eine andere Filiale.",
  "order.tooManyUnpaid":
    "Du hast schon {max, number} Bestellungen, die auf Zahlung warten. Bezahle oder storniere eine davon, bevor du eine neue aufgibst; unbezahlte Bestellungen werden nach ein paar Minuten automatisch storniert.",
  "order.outOfStock": "{item} ist in dieser Filiale gerade ausverkauft.",
  "order.onlyLeft": "Nur noch {remaining, number} × {item} in dieser Filiale.",
  "order.soldOut": "{item} ist in dieser Filiale ausverkauft.",
  "order.closed": "{store} hat gerade geschlossen.",
  "order.closedOpensAt":
    "{store} hat gerade geschlossen und öffnet um {opensAt}. Du kannst die Bestellung für später planen.",
  "order.kitchenFull":
    "Die Küche von {store} ist für die nächsten Stunden ausgebucht; bitte versuch es später noch einmal.",
  "order.tooSoon":
    "Diese Zeit ist für eine geplante Bestellung zu früh; bestelle sofort oder wähle eine spätere Zeit.",
  "order.tooFarAhead": "Bestellungen lassen sich höchstens {days, number} Tage im Voraus planen.",
  "order.slotsTooFarAhead": "Zeiten lassen sich höchstens {days, number} Tage im Voraus abfragen.",
  "order.outsideHours":
    "{store} hat zu dieser Zeit geschlossen; wähle eine Zeit innerhalb der Öffnungszeiten.",
  "order.slotFull": "Diese Zeit ist ausgebucht. Diese Zeiten sind noch frei.",
  "order.slotJustBooked": "Diese Zeit wurde gerade ausgebucht; bitte wähle eine andere.",
  "order.kitchenJustFilled": "Die Küche ist gerade voll geworden; bitte versuch es für eine spätere Zeit.",
  "order.minimum": "Lieferung ab {minimum}; füge noch {missing} hinzu oder wähle Abholung.",
  "order.noTips": "{store} nimmt kein Trinkgeld an (dort ist es nicht üblich); bitte entferne das Trinkgeld.",
  "order.cancelledByCustomer": "von der Kundin oder dem Kunden storniert",
  "order.cancelledByStore": "von der Filiale storniert",
  "order.expiredUnpaid":
    "Wir haben diese Bestellung storniert, weil die Zahlung nicht innerhalb von {minutes, plural, one {# Minute} other {# Minuten}} abgeschlossen wurde. Es wurde nichts abgebucht.",
  "order.expiredChallenge":
    "Wir haben diese Bestellung storniert, weil die Kartenprüfung nicht innerhalb von {minutes, plural, one {# Minute} other {# Minuten}} abgeschlossen wurde. Es wurde nichts abgebucht.",
  "order.expiredInFlight":
    "Wir haben diese Bestellung storniert, weil die Zahlung nicht innerhalb von {minutes, plural, one {# Minute} other {# Minuten}} abgeschlossen wurde. Falls deine Bank die Karte trotzdem belastet, wird der volle Betrag automatisch erstattet.",

  "promo.unknown": "Den Code {code} kennen wir nicht.",
  "promo.inactive": "Der Code {code} ist nicht mehr aktiv.",
  "promo.notStarted": "Der Code {code} gilt ab {date} (Ortszeit der Filiale).",
  "promo.expired": "Der Code {code} ist am {date} abgelaufen (Ortszeit der Filiale).",
  "promo.wrongRegion": "Der Code {code} gilt in dieser Region nicht.",
  "promo.wrongStore": "Der Code {code} gilt nicht bei {store}.",
  "promo.wrongCurrency": "Der Code {code} gilt nicht in der Währung dieser Region.",
  "promo.dealWrongRegion": "Das Angebot {code} gibt es in dieser Region nicht.",
  "promo.belowMinimum":
    "Der Code {code} gilt ab einem Bestellwert von {minimum} (ohne Lieferung und Trinkgeld); füge noch {missing} hinzu.",
  "promo.firstOrderOnly": "Der Code {code} gilt nur für die erste Bestellung.",
  "promo.customerLimit": "Du hast den Code {code} schon{limit, plural, =1 {} other { # Mal}} verwendet.",
  "promo.usedUp": "Der Code {code} ist aufgebraucht.",
  "promo.justUsedUp": "Der Code {code} wurde gerade aufgebraucht; entferne ihn, um zu bestellen.",
  "promo.alreadyUsed": "Du hast den Code {code} schon verwendet.",
  "promo.nothingToDiscount": "Noch gibt es nichts zu rabattieren.",
  "promo.deliveryOnly": "Dieser Code gibt kostenlose Lieferung und gilt deshalb nur für Lieferungen.",
  "loyalty.rewardNotFound": "Diese Prämie gibt es bei {store} nicht; wähle eine aus der Liste.",
  "loyalty.rewardDropped":
    "Die Prämie {reward} gilt für diese Bestellung nicht mehr; sie wurde entfernt und ihre {points} Punkte sind wieder auf deinem Konto.",
  "loyalty.tooFewPoints": "Du hast {balance} Punkte; diese Prämie braucht {needed}.",
  "promo.addItem": "Füge {item} zu deiner Bestellung hinzu, um es gratis zu bekommen.",
  "promo.needsBundle": "Für dieses Angebot brauchst du {what} in deiner Bestellung.",
  "promo.cheaperAlready": "Deine Artikel kosten schon weniger als dieses Angebot.",

  "payment.alreadyPaid": "Diese Bestellung ist schon bezahlt.",
  "payment.orderCancelled": "Diese Bestellung wurde storniert und kann nicht bezahlt werden.",
  "payment.currencyMismatch":
    "Diese Bestellung ist in {ordered} berechnet; sie kann nicht in {asked} bezahlt werden.",
  "payment.cashOrder":
    "Diese Bestellung wird bar bei Lieferung bezahlt; per Karte ist jetzt nichts zu zahlen.",
  "payment.chooseOneWay": "Wähle eine Zahlungsart: eine Zahlungsmethode oder eine gespeicherte Karte.",
  "payment.paypalUnavailable": "PayPal ist hier nicht verfügbar; bitte zahle mit Karte oder bar.",
  "payment.savedCardNotFound": "Diese gespeicherte Karte wurde nicht gefunden.",
  "payment.savedCardsNeedStripe":
    "Karten speichern geht nur mit Stripe; dieser Server nimmt Karten über sein Test-Gateway an, das keine speichert.",
  "payment.savedCardNeedsAccount":
    "Lege ein Konto an, um eine Karte zu speichern; beim Gast-Checkout wird keine Karte gespeichert.",
  "payment.cardDataRefused":
    "Dieser Server nimmt keine Kartennummern an; bitte nutze das sichere Kartenformular.",
  "payment.cardOrder":
    "Diese Bestellung wurde für Kartenzahlung aufgegeben; Barzahlung bei Lieferung wählt man beim Bestellen.",
  "payment.changedMeanwhile":
    "Die Bestellung wurde gerade gleichzeitig geändert; bitte versuch es noch einmal.",
  "payment.gatewaySilent": "Der Zahlungsdienst hat nicht geantwortet; bitte versuch es gleich noch einmal.",
  "payment.nothingWaiting": "Für diese Bestellung wartet keine Kartenzahlung auf Bestätigung.",
  "payment.intentUnknown":
    "Der Zahlungsdienst kennt diese Kartenprüfung nicht mehr; bitte bezahle die Bestellung erneut.",
  "payment.inProgress": "Für diese Bestellung läuft gerade eine Zahlung; schließe sie ab oder brich sie ab.",

  "geo.unavailable":
    "Die Adresssuche ist gerade nicht verfügbar. Setze die Nadel auf der Karte oder versuch es gleich noch einmal.",
  "store.notFound": "Wir konnten diese Filiale nicht finden.",
  "store.noDeliveryCarryoutAt":
    "Dorthin liefern wir noch nicht. Du kannst aber zur Abholung bestellen, zum Beispiel bei {store} ({km, number, ::.0} km).",
  "store.noDeliveryNoCarryout":
    "Dorthin liefern wir noch nicht, und keine unserer Filialen ist nah genug für eine Abholung.",
  "store.closedThere": "{store}, die dorthin liefert, hat gerade geschlossen.",
  "store.closedThereOpensAt": "{store}, die dorthin liefert, hat gerade geschlossen und öffnet um {opensAt}.",

  "help.orderCancelled": "Diese Bestellung wurde storniert; dabei gibt es nichts zu helfen.",
  "help.orderUnpaid": "Diese Bestellung ist noch nicht bezahlt; schließe die Zahlung ab oder brich sie ab.",
  "help.chooseLines": "Wähle Positionen dieser Bestellung.",
  "help.chooseItem": "Wähle aus, um welchen Artikel es geht.",
  "help.photoGone": "Dieses Foto wurde nicht gefunden; lade es noch einmal hoch.",
  "help.alreadyAsked": "Du hast zu dieser Bestellung schon um Hilfe gebeten; die Filiale antwortet bald.",
  "help.photoUnreadable":
    "Diese Datei ist kein Foto, das wir lesen können; schicke ein JPEG-, PNG- oder WebP-Bild.",
  "help.photoType": "Schicke das Foto als JPEG-, PNG- oder WebP-Bild.",
  "help.photoEmpty": "Das Foto ist leer.",
  "help.photoTooLarge": "Das Foto ist größer als {mb, number} MB.",
  "help.photoNotFound": "Wir konnten dieses Foto nicht finden.",
  "help.photoRemoved": "Dieses Foto wurde nach Ablauf der Aufbewahrungsfrist gelöscht.",
  "help.signInToSend": "Melde dich an, um ein Foto zu schicken.",
  "help.signInToSee": "Melde dich an, um dieses Foto zu sehen.",
};
