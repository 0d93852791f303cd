// The customer's loyalty points on the account page: the balance, the next points to expire, and the
// history of the points ledger (earned, taken back, spent, given back, expired, added by the store), newest first.
import { errorMessage, FormError, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { type Translate, useT } from "../../i18n/index.tsx";

interface Entry {
  id: string;
  kind: "earn" | "reverse" | "redeem" | "expire" | "goodwill" | "return";
  delta: number;
  orderNumber: number | null;
  reason: string | null;
  createdAt: string;
}

function entryText(t: Translate, e: Entry): string {
  const number = e.orderNumber ?? "";
  if (e.kind === "earn") return t("loyalty.earned", { number });
  if (e.kind === "reverse") return t("loyalty.reversed", { number });
  if (e.kind === "redeem") return t("loyalty.redeemed");
  if (e.kind === "expire") return t("loyalty.expired");
  if (e.kind === "return") return t("loyalty.returned", { number });
  return t("loyalty.goodwill", { reason: e.reason ?? "" });
}

export function LoyaltyPoints() {
  const t = useT();
  const trpc = useTRPC();
  const balance = useQuery(trpc.loyalty.balance.queryOptions());
  const history = useQuery(trpc.loyalty.history.queryOptions());
  const failed = balance.error ?? history.error;
  const points = balance.data;
  const entries = history.data;

  return (
    <section className="card stack" aria-labelledby="loyalty-heading" data-testid="loyalty">
      <h2 id="loyalty-heading">{t("loyalty.title")}</h2>
      {failed ? (
        <FormError message={errorMessage(failed)} />
      ) : !points || !entries ? (
        <p className="muted" role="status">
          {t("loyalty.loading")}
        </p>
      ) : (
        <>
          <p className="loyalty__balance" data-testid="loyalty-balance">
            {t("loyalty.balance", { points: points.points })}
          </p>
          {points.nextExpiry ? (
            <p className="small muted">
              {t("loyalty.expiring", {
                points: points.nextExpiry.points,
                at: new Date(points.nextExpiry.at),
              })}
            </p>
          ) : null}
          <h3>{t("loyalty.history")}</h3>
          {entries.length === 0 ? (
            <p className="muted">{t("loyalty.none")}</p>
          ) : (
            <ul className="address-list" aria-label={t("loyalty.history")}>
              {entries.map((e) => (
                <li key={e.id} className="address" data-testid="loyalty-entry">
                  <p className="address__text">
                    {t("loyalty.entry", {
                      what: entryText(t, e),
                      at: new Date(e.createdAt),
                      delta: e.delta,
                    })}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <p className="small muted">{t("loyalty.note")}</p>
        </>
      )}
    </section>
  );
}
