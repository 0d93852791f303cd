// The card form of the test gateway: the test numbers to choose from, number, expiry and security code,
// each with its own message (checked on the page), and the gateway's answer above the Pay button.
import { Field } from "@pizza/ui";
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
  const { card, message, problems, busy } = payment;
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
      <form className="card stack" onSubmit={payment.submit} noValidate aria-label={t("testCard.details")}>
        <CardField
          label={t("testCard.number")}
          error={problems.number && t(problems.number)}
          name="cardNumber"
          autoComplete="cc-number"
          value={card.number}
          onChange={card.setNumber}
        />
        <div className="grid-2">
          <CardField
            label={t("testCard.expiry")}
            error={problems.expiry && t(problems.expiry)}
            name="expiry"
            autoComplete="cc-exp"
            value={card.expiry}
            onChange={card.setExpiry}
          />
          <CardField
            label={t("testCard.cvc")}
            error={problems.cvc && t(problems.cvc)}
            name="cvc"
            autoComplete="cc-csc"
            value={card.cvc}
            onChange={card.setCvc}
          />
        </div>
        {message ? (
          <div className="alert alert--error" role="alert" data-testid="pay-error">
            {message}
          </div>
        ) : null}
        <button
          type="submit"
          className="button button--primary button--block"
          disabled={busy}
          data-testid="pay"
        >
          {busy ? t("pay.paying") : t("pay.pay", { total })}
        </button>
      </form>
    </>
  );
}

/** One numeric card input with its label and its own message. */
function CardField({
  label,
  error,
  name,
  autoComplete,
  value,
  onChange,
}: {
  label: string;
  error: string | undefined;
  name: string;
  autoComplete: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <Field label={label} error={error}>
      {(a11y) => (
        <input
          className="input"
          name={name}
          inputMode="numeric"
          autoComplete={autoComplete}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...a11y}
        />
      )}
    </Field>
  );
}
