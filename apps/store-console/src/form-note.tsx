// The line under a form that says how its last action went (saved, or why not).
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
