// The card form of the test gateway: the test numbers to choose from, number, expiry and security code.

import { useT } from "../../i18n/index.tsx";
import type { TestCardPayment } from "../../lib/use-test-card-payment.ts";

const grouped = (n: string) => n.replace(/(\d{4})(?=\d)/g, "$1 ");

export function TestCardForm({
  payment,
  testCards,
  total,
}: {
  payment: TestCardPayment;
  testCards: { number: string; behaviour: string }[];
  total: string;
}) {
  const t = useT();
  const { card, message, busy } = payment;
  return (
    <>
      <div className="test-mode" role="note" data-testid="test-mode">
        <strong>{t("testCard.mode")}</strong> — {t("testCard.help")}
        <ul className="small">
          {testCards.map((c) => (
            <li key={c.number}>
              <button
                type="button"
                className="linkish"
                onClick={() => card.setNumber(grouped(c.number))}
                aria-label={t("testCard.use", { number: grouped(c.number), behaviour: c.behaviour })}
              >
                <code>{grouped(c.number)}</code>
              </button>{" "}
              — {c.behaviour}
            </li>
          ))}
        </ul>
      </div>
      <form className="card stack" onSubmit={payment.submit} noValidate>
        <label className="field">
          <span className="field__label">{t("testCard.number")}</span>
          <input
            className="input"
            name="cardNumber"
            inputMode="numeric"
            autoComplete="cc-number"
            value={card.number}
            onChange={(e) => card.setNumber(e.target.value)}
            placeholder="4242 4242 4242 4242"
          />
        </label>
        <div className="grid-2">
          <label className="field">
            <span className="field__label">{t("testCard.expiry")}</span>
            <input
              className="input"
              name="expiry"
              autoComplete="cc-exp"
              value={card.expiry}
              onChange={(e) => card.setExpiry(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">{t("testCard.cvc")}</span>
            <input
              className="input"
              name="cvc"
              inputMode="numeric"
              autoComplete="cc-csc"
              value={card.cvc}
              onChange={(e) => card.setCvc(e.target.value)}
            />
          </label>
        </div>
        {message ? (
          <div className="alert alert--error" role="alert" data-testid="pay-error">
            {message}
          </div>
        ) : null}
        <button
          type="submit"
          className="button button--primary button--block"
          disabled={busy || card.number.trim() === ""}
          data-testid="pay"
        >
          {busy ? t("pay.paying") : t("pay.pay", { total })}
        </button>
      </form>
    </>
  );
}
