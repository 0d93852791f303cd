// The line under a form that says how its last action went (saved, or why not).
import { errorMessage, fieldErrors } from "@pizza/ui";
import { useState } from "react";

export interface FormNoteValue {
  ok: boolean;
  text: string;
}

/** The note's state: null until the form has something to say. */
export function useFormNote() {
  return useState<FormNoteValue | null>(null);
}

export function FormNote({ note }: { note: FormNoteValue | null }) {
  return note ? (
    <div className={`alert ${note.ok ? "alert--success" : "alert--error"}`} role="status">
      {note.text}
    </div>
  ) : null;
}

/**
 * A menu form's save callbacks (items, toppings, crusts, sauces): "Saved …" and `onSaved` with the id,
 * or, when the server named fields, a pointer to the messages under them.
 */
export function savedNoteOptions(
  setNote: (note: FormNoteValue | null) => void,
  name: string,
  onSaved: (id: string) => void,
) {
  return {
    onSuccess: (saved: { id: string }) => {
      setNote({ ok: true, text: `Saved ${name}. Customers see it now.` });
      onSaved(saved.id);
    },
    onError: (e: unknown) =>
      setNote({
        ok: false,
        text: Object.keys(fieldErrors(e)).length > 0 ? "Check the highlighted fields." : errorMessage(e),
      }),
  };
}
