// A pizza's or a crust's builder rules in the Menu tab (issue 22): the toppings a pizza comes with, or
// the sizes a crust comes in. Ticking boxes, then saving; the customer's pizza builder follows at once.
// The server checks every rule; its message sits under the list it is about.
import { errorMessage, fieldErrors, useTRPC } from "@pizza/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import type { CatalogueEntry, MenuCatalogue } from "./store-api-types.ts";

interface Choice {
  id: string;
  label: string;
}

/** A list of checkboxes with the server's message for the list under it. */
function ChoiceList(props: {
  id: string;
  legend: string;
  choices: Choice[];
  chosen: string[];
  error: string | undefined;
  onChange(chosen: string[]): void;
}) {
  const { id, legend, choices, chosen, error, onChange } = props;
  return (
    <fieldset className="field stack" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field__label">{legend}</legend>
      {choices.map((c) => (
        <label key={c.id} className="field field--check">
          <input
            type="checkbox"
            checked={chosen.includes(c.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))
            }
          />
          <span>{c.label}</span>
        </label>
      ))}
      {error ? (
        <span className="field__error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

export function MenuBuilderRules(props: {
  entry: CatalogueEntry;
  catalogue: MenuCatalogue;
  onSaved(): void;
}) {
  const { entry, catalogue } = props;
  const trpc = useTRPC();
  const rules = useQuery(trpc.menuAdmin.builderRules.queryOptions());
  if (rules.error)
    return (
      <div className="alert alert--error" role="alert">
        {errorMessage(rules.error)}
      </div>
    );
  if (!rules.data) return null;
  const isPizza = entry.entity === "item" && entry.kind === "pizza";
  const current = isPizza
    ? rules.data.pizzas.find((p) => p.id === entry.id)?.toppings
    : entry.entity === "crust"
      ? rules.data.crusts.find((c) => c.id === entry.id)?.sizes
      : undefined;
  if (!current) return null;
  const choices = isPizza
    ? catalogue.entries.filter((e) => e.entity === "topping").map((e) => ({ id: e.id, label: e.names.en }))
    : catalogue.sizes.map((s) => ({ id: s.id, label: s.name }));
  return (
    <RulesForm
      key={`${entry.entity}|${entry.id}`}
      target={{ kind: isPizza ? "pizza" : "crust", id: entry.id, name: entry.names.en || entry.id }}
      current={current}
      choices={choices}
      onSaved={props.onSaved}
    />
  );
}

function RulesForm(props: {
  target: { kind: "pizza" | "crust"; id: string; name: string };
  current: string[];
  choices: Choice[];
  onSaved(): void;
}) {
  const { target, choices } = props;
  const trpc = useTRPC();
  const [chosen, setChosen] = useState(props.current);
  const [note, setNote] = useFormNote();
  const handlers = {
    onSuccess: () => {
      setNote({ ok: true, text: `Saved the builder rules of ${target.name}. Customers see them now.` });
      props.onSaved();
    },
    onError: (e: unknown) =>
      setNote({
        ok: false,
        text: Object.keys(fieldErrors(e)).length > 0 ? "Check the highlighted list." : errorMessage(e),
      }),
  };
  const toppings = useMutation(trpc.menuAdmin.setDefaultToppings.mutationOptions(handlers));
  const sizes = useMutation(trpc.menuAdmin.setCrustSizes.mutationOptions(handlers));
  const pizza = target.kind === "pizza";
  const errors = fieldErrors(pizza ? toppings.error : sizes.error);
  return (
    <section className="card stack" aria-labelledby="builder-rules-title">
      <h3 id="builder-rules-title">Builder rules</h3>
      <form
        className="stack"
        noValidate
        aria-labelledby="builder-rules-title"
        onSubmit={(e) => {
          e.preventDefault();
          setNote(null);
          if (pizza) toppings.mutate({ itemId: target.id, toppings: chosen });
          else sizes.mutate({ crustId: target.id, sizes: chosen });
        }}
      >
        <ChoiceList
          id={pizza ? "builder-toppings" : "builder-sizes"}
          legend={pizza ? `Toppings ${target.name} comes with` : `Sizes ${target.name} crust comes in`}
          choices={choices}
          chosen={chosen}
          error={pizza ? errors.toppings : errors.sizes}
          onChange={setChosen}
        />
        <button
          type="submit"
          className="button button--primary"
          disabled={toppings.isPending || sizes.isPending}
        >
          Save builder rules
        </button>
        <FormNote note={note} />
      </form>
    </section>
  );
}
