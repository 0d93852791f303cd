// Creating or editing a topping, crust or sauce (issue 22): its id (when new), its names in English,
// German and Japanese and, for a topping, whether it is meat, veggie or cheese and premium. Each server
// message sits under its field; a new one is priced and offered like any entry once saved.
import { fieldErrors, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, savedNoteOptions, useFormNote } from "./form-note.tsx";
import type { CatalogueEntry } from "./store-api-types.ts";
import { TextField } from "./text-field.tsx";

type ToppingKind = "meat" | "veggie" | "cheese";
type IngredientEntity = "topping" | "crust" | "sauce";
type Ingredient = CatalogueEntry & { entity: IngredientEntity };

/** `entry` null: a new one of `entity`; `onSaved` is given its id. */
export function MenuIngredientEditor({
  entry,
  entity = entry?.entity ?? "topping",
  onSaved,
}: {
  entry: Ingredient | null;
  entity?: IngredientEntity;
  onSaved(id: string): void;
}) {
  const trpc = useTRPC();
  const [id, setId] = useState("");
  const [names, setNames] = useState({
    nameEn: entry?.names.en ?? "",
    nameDe: entry?.names.de ?? "",
    nameJa: entry?.names.ja ?? "",
  });
  const [toppingKind, setToppingKind] = useState<ToppingKind>((entry?.kind as ToppingKind) ?? "veggie");
  const [premium, setPremium] = useState(entry?.premium ?? false);
  const [note, setNote] = useFormNote();
  const options = savedNoteOptions(setNote, names.nameEn, onSaved);
  const create = useMutation(trpc.menuAdmin.createIngredient.mutationOptions(options));
  const update = useMutation(trpc.menuAdmin.updateIngredient.mutationOptions(options));
  const save = entry ? update : create;
  const errors = fieldErrors(save.error);
  const title = entry ? `Edit ${entry.names.en || entry.id}` : `New ${entity}`;
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
            entity,
            id: entry?.id ?? id,
            ...names,
            ...(entity === "topping" ? { toppingKind, premium } : {}),
          });
        }}
      >
        {entry ? null : (
          <TextField
            id="ingredient-id"
            label="Id (lower-case letters, digits, _), e.g. smoked_ham"
            value={id}
            onValue={setId}
            error={errors.id}
          />
        )}
        {field("nameEn", "Name in English")}
        {field("nameDe", "Name in German", "de")}
        {field("nameJa", "Name in Japanese", "ja")}
        {entity === "topping" ? (
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
