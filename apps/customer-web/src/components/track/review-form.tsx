// The review a customer leaves once the order has arrived: stars overall, for the delivery, and words.

import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useT } from "../../i18n/index.tsx";

export function Review({
  orderId,
  delivery,
}: {
  orderId: string;
  items: { itemId: string; name: string }[];
  delivery: boolean;
}) {
  const t = useT();
  const trpc = useTRPC();
  const submit = useMutation(trpc.review.submitReview.mutationOptions());
  const [overall, setOverall] = useState(0);
  const [driver, setDriver] = useState(0);
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  async function send(event: FormEvent) {
    event.preventDefault();
    setError("");
    if (overall === 0) return setError(t("review.chooseStars"));
    try {
      await submit.mutateAsync({
        orderId,
        overall: { rating: overall, ...(text.trim() ? { text: text.trim() } : {}) },
        ...(delivery && driver > 0 ? { driver: { rating: driver } } : {}),
      });
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  if (submit.isSuccess)
    return (
      <p className="success" role="status">
        {t("review.thanks")}
      </p>
    );
  return (
    <form className="card stack" onSubmit={send} aria-labelledby="review-h">
      <h2 id="review-h">{t("review.title")}</h2>
      <StarInput label={t("review.overall")} value={overall} onChange={setOverall} />
      {delivery ? <StarInput label={t("review.delivery")} value={driver} onChange={setDriver} /> : null}
      <label className="field">
        <span className="field__label">{t("review.more")}</span>
        <textarea
          className="input"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={2000}
        />
      </label>
      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      <button type="submit" className="button button--primary" disabled={submit.isPending}>
        {t("review.send")}
      </button>
    </form>
  );
}

function StarInput({ label, value, onChange }: { label: string; value: number; onChange(n: number): void }) {
  const t = useT();
  return (
    <fieldset className="stars">
      <legend className="field__label">{label}</legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <label key={n} className="stars__star">
          <input type="radio" name={`stars-${label}`} checked={value === n} onChange={() => onChange(n)} />
          <span aria-hidden="true">{n <= value ? "★" : "☆"}</span>
          <span className="visually-hidden">{t("review.stars", { count: n })}</span>
        </label>
      ))}
    </fieldset>
  );
}
