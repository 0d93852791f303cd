// The card form of the test gateway: the test numbers to choose from, number, expiry and security code.
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
  const { card, message, busy } = payment;
  return (
    <>
      <div className="test-mode" role="note" data-testid="test-mode">
        <strong>TEST MODE</strong> — no real card is charged. Use one of these numbers (any future expiry, any
        CVC):
        <ul className="small">
          {testCards.map((c) => (
            <li key={c.number}>
              <button
                type="button"
                className="linkish"
                onClick={() => card.setNumber(grouped(c.number))}
                aria-label={`Use test card ${grouped(c.number)}: ${c.behaviour}`}
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
          <span className="field__label">Card number</span>
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
            <span className="field__label">Expiry (MM/YY)</span>
            <input
              className="input"
              name="expiry"
              autoComplete="cc-exp"
              value={card.expiry}
              onChange={(e) => card.setExpiry(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">Security code</span>
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
          {busy ? "Paying…" : `Pay ${total}`}
        </button>
      </form>
    </>
  );
}
