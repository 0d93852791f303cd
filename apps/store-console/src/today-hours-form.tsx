// Today's hours for the store: special hours, closed all day, or back to the usual weekly hours.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import type { Store } from "./store-api-types.ts";
import { spansText } from "./store-status.tsx";

/** Today's hours (the store's local date): special hours, closed all day, or the usual weekly hours. */
export function TodayHoursForm({
  storeId,
  store,
  onChanged,
}: {
  storeId: string;
  store: Store;
  onChanged(): void;
}) {
  const trpc = useTRPC();
  const first = store.today.spans[0];
  const [opens, setOpens] = useState(first?.[0] ?? "11:00");
  const [closes, setCloses] = useState(first?.[1] === "24:00" ? "23:59" : (first?.[1] ?? "22:00"));
  const [note, setNote] = useFormNote();
  const set = useMutation(
    trpc.store.setTodayHours.mutationOptions({
      onSuccess: (s) => {
        setNote({ ok: true, text: `Today (${s.today.date}): ${spansText(s.today.spans)}.` });
        onChanged();
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  return (
    <form
      className="stack"
      aria-labelledby="today-hours-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!opens || !closes) {
          setNote({ ok: false, text: "Enter an opening and a closing time." });
          return;
        }
        if (closes <= opens) {
          setNote({ ok: false, text: "The closing time must be after the opening time." });
          return;
        }
        setNote(null);
        set.mutate({ storeId, mode: "hours", opens, closes });
      }}
    >
      <h3 id="today-hours-title" className="small">
        Today's hours ({store.timezone})
      </h3>
      <div className="row">
        <label className="field">
          <span className="field__label">Opens</span>
          <input
            className="input"
            type="time"
            value={opens}
            onChange={(e) => setOpens(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span className="field__label">Closes</span>
          <input
            className="input"
            type="time"
            value={closes}
            onChange={(e) => setCloses(e.target.value)}
            required
          />
        </label>
      </div>
      <div className="row">
        <button type="submit" className="button button--primary" disabled={set.isPending}>
          Set today's hours
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={set.isPending}
          onClick={() => {
            setNote(null);
            set.mutate({ storeId, mode: "closed" });
          }}
        >
          Closed all day
        </button>
        {store.today.source === "override" ? (
          <button
            type="button"
            className="button"
            disabled={set.isPending}
            onClick={() => {
              setNote(null);
              set.mutate({ storeId, mode: "weekly" });
            }}
          >
            Back to usual hours
          </button>
        ) : null}
      </div>
      <FormNote note={note} />
    </form>
  );
}
