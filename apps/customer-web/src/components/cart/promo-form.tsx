// The promo code box of the cart: type a code, hear whether it applies, take it off again.
import { useT } from "../../i18n/index.tsx";
import type { PromoCode } from "../../lib/use-promo-code.ts";

export function PromoForm({ promo }: { promo: PromoCode }) {
  const t = useT();
  const { code, message, applied } = promo;
  return (
    <form className="card stack stack--tight" onSubmit={promo.submit}>
      <label className="field">
        <span className="field__label">{t("promo.code")}</span>
        <div className="input-group">
          <input
            className="input"
            name="promo"
            value={code}
            onChange={(e) => promo.setCode(e.target.value)}
            autoCapitalize="characters"
          />
          <button
            type="submit"
            className="button input-group__button"
            disabled={promo.checking || !code.trim()}
          >
            {promo.checking ? t("verify.checking") : t("promo.apply")}
          </button>
        </div>
      </label>
      {message ? (
        <p
          className={message.ok ? "promo-ok" : "alert alert--error"}
          role="status"
          data-testid="promo-message"
        >
          {message.text}
        </p>
      ) : null}
      {applied ? (
        <button type="button" className="button button--ghost button--small" onClick={promo.remove}>
          {t("promo.remove", { code: applied })}
        </button>
      ) : null}
    </form>
  );
}
