// The simulated 3-D Secure step of the test gateway: the bank asks the customer to approve the payment.
import { useT } from "../../i18n/index.tsx";

export function ThreeDsDialog({
  total,
  onAnswer,
}: {
  total: string;
  onAnswer(outcome: "approve" | "fail"): void;
}) {
  const t = useT();
  return (
    <div className="dialog-backdrop">
      <div
        className="card stack dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="tds-h"
        data-testid="three-ds"
      >
        <h2 id="tds-h">{t("tds.title")}</h2>
        <p>{t("tds.ask", { total })}</p>
        <div className="row">
          <button
            type="button"
            className="button button--primary"
            onClick={() => onAnswer("approve")}
            ref={(b) => b?.focus()}
          >
            {t("tds.approve")}
          </button>
          <button type="button" className="button" onClick={() => onAnswer("fail")}>
            {t("tds.fail")}
          </button>
        </div>
      </div>
    </div>
  );
}
