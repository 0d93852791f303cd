// The simulated 3-D Secure step of the test gateway: the bank asks the customer to approve the payment.

export function ThreeDsDialog({
  total,
  onAnswer,
}: {
  total: string;
  onAnswer(outcome: "approve" | "fail"): void;
}) {
  return (
    <div className="dialog-backdrop">
      <div
        className="card stack dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="tds-h"
        data-testid="three-ds"
      >
        <h2 id="tds-h">Confirm it's you</h2>
        <p>Your bank asks you to approve this payment of {total} (simulated 3-D Secure, test mode).</p>
        <div className="row">
          <button
            type="button"
            className="button button--primary"
            onClick={() => onAnswer("approve")}
            ref={(b) => b?.focus()}
          >
            Approve
          </button>
          <button type="button" className="button" onClick={() => onAnswer("fail")}>
            Fail authentication
          </button>
        </div>
      </div>
    </div>
  );
}
