// Editing a topping, crust or sauce (issue 22): its names in English, German and Japanese and, for a
// topping, whether it is meat, veggie or cheese and premium. Each server message sits under its field.
import { errorMessage, fieldErrors, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import type { CatalogueEntry } from "./store-api-types.ts";
import { TextField } from "./text-field.tsx";

type ToppingKind = "meat" | "veggie" | "cheese";
type Ingredient = CatalogueEntry & { entity: "topping" | "crust" | "sauce" };

export function MenuIngredientEditor({ entry, onSaved }: { entry: Ingredient; onSaved(): void }) {
  const trpc = useTRPC();
  const [names, setNames] = useState({
    nameEn: entry.names.en,
    nameDe: entry.names.de ?? "",
    nameJa: entry.names.ja ?? "",
  });
  const [toppingKind, setToppingKind] = useState<ToppingKind>((entry.kind as ToppingKind) ?? "veggie");
  const [premium, setPremium] = useState(entry.premium);
  const [note, setNote] = useFormNote();
  const save = useMutation(
    trpc.menuAdmin.updateIngredient.mutationOptions({
      onSuccess: () => {
        setNote({ ok: true, text: `Saved ${names.nameEn}. Customers see it now.` });
        onSaved();
      },
      onError: (e) =>
        setNote({
          ok: false,
          text: Object.keys(fieldErrors(e)).length > 0 ? "Check the highlighted fields." : errorMessage(e),
        }),
    }),
  );
  const errors = fieldErrors(save.error);
  const title = `Edit ${entry.names.en || entry.id}`;
  const field = (name: keyof typeof names, label: string, lang?: string) => (
    <TextField
      id={`ingredient-${name}`}
      label={label}
      value={names[name]}
      onValue={(value) => setNames((n) => ({ ...n, [name]: value }))}
      error={errors[name]}
      {...(lang ? { lang } : {})}
    />
  );
  return (
    <section className="card stack" aria-labelledby="ingredient-title">
      <h3 id="ingredient-title">{title}</h3>
      <form
        className="stack"
        noValidate
        aria-labelledby="ingredient-title"
        onSubmit={(e) => {
          e.preventDefault();
          setNote(null);
          save.mutate({
            entity: entry.entity,
            id: entry.id,
            ...names,
            ...(entry.entity === "topping" ? { toppingKind, premium } : {}),
          });
        }}
      >
        {field("nameEn", "Name in English")}
        {field("nameDe", "Name in German", "de")}
        {field("nameJa", "Name in Japanese", "ja")}
        {entry.entity === "topping" ? (
          <>
            <label className="field">
              <span className="field__label">Kind of topping</span>
              <select
                className="input"
                value={toppingKind}
                onChange={(e) => setToppingKind(e.target.value as ToppingKind)}
              >
                <option value="meat">Meat</option>
                <option value="veggie">Veggie</option>
                <option value="cheese">Cheese</option>
              </select>
            </label>
            <label className="field field--check">
              <input type="checkbox" checked={premium} onChange={(e) => setPremium(e.target.checked)} />
              <span>Premium</span>
            </label>
          </>
        ) : null}
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          Save
        </button>
        <FormNote note={note} />
      </form>
    </section>
  );
}
