// One help request with its order, and the store's answer in one action: refund lines, an amount or
// everything left (through the payments ledger), a credit for the next order, or a decline with a reason.
import { currencyDigits, errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { HelpPhoto } from "./help-photo.tsx";
import { money, parseAmount } from "./money.ts";
import type { StoreHelpRequest } from "./store-api-types.ts";

const KIND: Record<StoreHelpRequest["kind"], string> = {
  missing_item: "Missing item",
  wrong_item: "Wrong item",
  late: "Late",
  quality: "Quality",
  other: "Other",
};

type Choice = "lines" | "amount" | "all" | "credit" | "decline";
const CHOICES: { id: Choice; label: string; refund: boolean }[] = [
  { id: "lines", label: "Refund the chosen lines", refund: true },
  { id: "amount", label: "Refund an amount", refund: true },
  { id: "all", label: "Refund everything left", refund: true },
  { id: "credit", label: "Credit for the next order", refund: false },
  { id: "decline", label: "Decline", refund: false },
];

export function HelpRequestCard({ storeId, request: r }: { storeId: string; request: StoreHelpRequest }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canRefund = r.refundableLeft !== null && r.refundableLeft > 0;
  const [choice, setChoice] = useState<Choice>(canRefund && r.lines.length > 0 ? "lines" : "credit");
  const [lines, setLines] = useState<number[]>(r.lines.map((l) => l.lineNo));
  const [amount, setAmount] = useState("");
  const [text, setText] = useState("");
  const [note, setNote] = useFormNote();
  const resolve = useMutation(
    trpc.help.resolve.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.help.forStore.pathFilter()),
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  const digits = currencyDigits(r.currency);
  const id = `help-${r.id}`;
  const chosenTotal = r.order.items
    .filter((i) => lines.includes(i.lineNo))
    .reduce((s, i) => s + i.lineTotal, 0);

  const submit = () => {
    setNote(null);
    const typed = parseAmount(amount, digits);
    if ((choice === "amount" || choice === "credit") && !typed) {
      setNote({ ok: false, text: `Type an amount like ${money(1250, r.currency)} without the symbol.` });
      return;
    }
    if (choice === "lines" && lines.length === 0) {
      setNote({ ok: false, text: "Choose at least one line to refund." });
      return;
    }
    if (choice === "decline" && !text.trim()) {
      setNote({ ok: false, text: "Tell the customer why." });
      return;
    }
    const extra = text.trim() ? { note: text.trim() } : {};
    const action =
      choice === "lines"
        ? { type: "refund" as const, lineNos: lines, ...extra }
        : choice === "amount"
          ? { type: "refund" as const, amount: typed!, ...extra }
          : choice === "all"
            ? { type: "refund" as const, all: true as const, ...extra }
            : choice === "credit"
              ? { type: "credit" as const, amount: typed!, ...extra }
              : { type: "decline" as const, reason: text.trim() };
    resolve.mutate({ storeId, helpRequestId: r.id, action });
  };

  return (
    <article
      className="help-card stack stack--tight"
      aria-labelledby={`${id}-title`}
      data-testid="help-request"
    >
      <h3 id={`${id}-title`}>
        Order {r.orderNumber} · {KIND[r.kind]}
        {r.customerName ? ` · ${r.customerName}` : ""}
      </h3>
      <p className="muted">
        {new Date(r.createdAt).toLocaleString()} · order {r.order.status.replace(/_/g, " ")} · paid by{" "}
        {r.order.paymentMethod} · total {money(r.order.total, r.currency)} ·{" "}
        {r.refundableLeft === null
          ? "nothing paid yet to refund"
          : `refundable ${money(r.refundableLeft, r.currency)}`}
      </p>
      <blockquote className="help-card__message">{r.message}</blockquote>
      {r.photoId ? <HelpPhoto photoId={r.photoId} /> : null}
      <fieldset className="help-card__lines">
        <legend>Lines (the customer's are ticked)</legend>
        {r.order.items.map((i) => (
          <label key={i.lineNo} className="help-card__line">
            <input
              type="checkbox"
              checked={lines.includes(i.lineNo)}
              onChange={(e) =>
                setLines((ls) => (e.target.checked ? [...ls, i.lineNo] : ls.filter((n) => n !== i.lineNo)))
              }
            />
            {i.quantity} × {i.name} · {money(i.lineTotal, r.currency)}
          </label>
        ))}
      </fieldset>
      <fieldset className="help-card__choices">
        <legend>Answer</legend>
        {CHOICES.map((c) => (
          <label key={c.id} className="help-card__choice">
            <input
              type="radio"
              name={`${id}-choice`}
              value={c.id}
              checked={choice === c.id}
              disabled={c.refund && !canRefund}
              onChange={() => setChoice(c.id)}
            />
            {c.label}
            {c.id === "lines" ? ` (${money(chosenTotal, r.currency)})` : ""}
          </label>
        ))}
      </fieldset>
      {choice === "amount" || choice === "credit" ? (
        <label className="field">
          <span className="field__label">Amount ({r.currency})</span>
          <input
            className="input"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </label>
      ) : null}
      <label className="field">
        <span className="field__label">
          {choice === "decline" ? "Reason (the customer reads it)" : "Note to the customer (optional)"}
        </span>
        <input className="input" value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
      </label>
      <FormNote note={note} />
      <button type="button" className="button button--primary" disabled={resolve.isPending} onClick={submit}>
        {resolve.isPending ? "Sending…" : "Send answer"}
      </button>
    </article>
  );
}
