// "Use your points" in the cart (signed-in customers): the loyalty rewards of the store's region, those the
// points do not cover greyed out, and why a chosen one does not apply to this cart (the server's sentence).
import { useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useT } from "../../i18n/index.tsx";
import { updateCart } from "../../order-state.ts";

export function RewardChoice({
  regionCode,
  chosen,
  refusal,
}: {
  regionCode: string | undefined;
  chosen: string | undefined;
  /** Why the chosen reward does not apply to this cart, when it does not. */
  refusal: string | undefined;
}) {
  const t = useT();
  const trpc = useTRPC();
  const rewards = useQuery({
    ...trpc.loyalty.rewards.queryOptions({ regionCode: regionCode ?? "" }),
    enabled: regionCode !== undefined,
  });
  // A reward of another region (the customer changed the store) is not offered here: dropped, not sent.
  const offered = rewards.data?.rewards.some((r) => r.id === chosen);
  useEffect(() => {
    if (chosen && offered === false) updateCart({ rewardId: undefined });
  }, [chosen, offered]);
  if (!rewards.data || rewards.data.rewards.length === 0) return null;
  const choose = (rewardId: string | undefined) => updateCart({ rewardId });
  return (
    <fieldset className="card stack stack--tight reward-box" data-testid="reward-choice">
      <legend className="field__label">{t("rewards.title")}</legend>
      <p className="small muted">{t("loyalty.balance", { points: rewards.data.points })}</p>
      <label className="row">
        <input type="radio" name="reward" checked={!chosen} onChange={() => choose(undefined)} />
        <span>{t("rewards.none")}</span>
      </label>
      {rewards.data.rewards.map((r) => (
        <label key={r.id} className={`row ${r.affordable ? "" : "muted"}`}>
          <input
            type="radio"
            name="reward"
            checked={chosen === r.id}
            disabled={!r.affordable && chosen !== r.id}
            onChange={() => choose(r.id)}
          />
          <span>{t("rewards.option", { name: r.name, points: r.points })}</span>
        </label>
      ))}
      {refusal ? (
        <p className="alert alert--error" role="status" data-testid="reward-message">
          {refusal}
        </p>
      ) : null}
    </fieldset>
  );
}
