// A labelled text input with its message under it (tied to the input for screen readers).
import type { InputHTMLAttributes } from "react";

export function TextField({
  id,
  label,
  value,
  error,
  onValue,
  ...input
}: {
  /** Names the message element (`<id>-error`). */
  id: string;
  label: string;
  value: string;
  error?: string | null | undefined;
  onValue(value: string): void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange">) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        className="input"
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      />
      {error ? (
        <span className="field__error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </label>
  );
}
