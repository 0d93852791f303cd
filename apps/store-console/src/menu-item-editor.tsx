// Creating or editing one menu item (issue 22): its id (new ones), what it is, its category, its names
// and descriptions in English, German and Japanese, a side's, dessert's or drink's variants
// (menu-item-variants.tsx), and whether it is on the menu. The server checks everything and each of its
// messages appears under its field.
import { fieldErrors, useTRPC } from "@pizza/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormNote, savedNoteOptions, useFormNote } from "./form-note.tsx";
import { draftsOf, MenuItemVariants } from "./menu-item-variants.tsx";
import type { CatalogueEntry, MenuCatalogue } from "./store-api-types.ts";
import { TextField } from "./text-field.tsx";

type Kind = "pizza" | "side" | "dessert" | "drink";
type Tax = "food" | "soft_drink" | "alcohol";
const TEXTS = ["nameEn", "nameDe", "nameJa", "descriptionEn", "descriptionDe", "descriptionJa"] as const;
type Texts = Record<(typeof TEXTS)[number] | "id", string>;
const LABELS: Record<keyof Texts, string> = {
  id: "Id (e.g. garlic_knots)",
  nameEn: "Name in English",
  nameDe: "Name in German",
  nameJa: "Name in Japanese",
  descriptionEn: "Description in English (optional)",
  descriptionDe: "Description in German (optional)",
  descriptionJa: "Description in Japanese (optional)",
};

export function MenuItemEditor({
  catalogue,
  entry,
  onSaved,
}: {
  catalogue: MenuCatalogue;
  entry: CatalogueEntry | null;
  onSaved(id: string): void;
}) {
  const trpc = useTRPC();
  const [texts, setTexts] = useState<Texts>({
    id: entry?.id ?? "",
    nameEn: entry?.names.en ?? "",
    nameDe: entry?.names.de ?? "",
    nameJa: entry?.names.ja ?? "",
    descriptionEn: entry?.descriptions.en ?? "",
    descriptionDe: entry?.descriptions.de ?? "",
    descriptionJa: entry?.descriptions.ja ?? "",
  });
  const [kind, setKind] = useState<Kind>((entry?.kind as Kind) ?? "side");
  const [categoryId, setCategoryId] = useState(entry?.categoryId ?? catalogue.categories[0]?.id ?? "");
  const [taxCategory, setTaxCategory] = useState<Tax>((entry?.taxCategory as Tax) ?? "food");
  const [active, setActive] = useState(entry?.active ?? true);
  const [variants, setVariants] = useState(() => draftsOf(entry));
  const [note, setNote] = useFormNote();
  const options = savedNoteOptions(setNote, texts.nameEn, onSaved);
  const create = useMutation(trpc.menuAdmin.createItem.mutationOptions(options));
  const update = useMutation(trpc.menuAdmin.updateItem.mutationOptions(options));
  const mutation = entry ? update : create;
  const errors = fieldErrors(mutation.error);
  const prefix = entry ? "item-edit" : "item-new";
  const title = entry ? `Edit ${entry.names.en || entry.id}` : "New item";
  const field = (name: keyof Texts, lang?: string) => (
    <TextField
      key={name}
      id={`${prefix}-${name}`}
      label={LABELS[name]}
      value={texts[name]}
      onValue={(value) => setTexts((t) => ({ ...t, [name]: value }))}
      error={errors[name]}
      {...(lang ? { lang } : {})}
      {...(name === "id" ? { autoCapitalize: "none" } : {})}
    />
  );
  return (
    <section className="card stack" aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{title}</h3>
      <form
        className="stack"
        noValidate
        aria-labelledby={`${prefix}-title`}
        onSubmit={(e) => {
          e.preventDefault();
          setNote(null);
          mutation.mutate({
            ...texts,
            id: texts.id.trim(),
            kind,
            categoryId,
            taxCategory,
            active,
            // Pizzas come in the pizza sizes: a draft left from another kind is not sent.
            variants: kind === "pizza" ? [] : variants.map(({ saved: _, ...v }) => v),
          });
        }}
      >
        {entry ? null : field("id")}
        {entry ? null : (
          <label className="field">
            <span className="field__label">What it is</span>
            <select className="input" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="pizza">Pizza</option>
              <option value="side">Side</option>
              <option value="dessert">Dessert</option>
              <option value="drink">Drink</option>
            </select>
          </label>
        )}
        <label className="field">
          <span className="field__label">Category</span>
          <select className="input" value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            {catalogue.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {errors.categoryId ? <span className="field__error">{errors.categoryId}</span> : null}
        </label>
        <label className="field">
          <span className="field__label">Taxed as</span>
          <select
            className="input"
            value={taxCategory}
            onChange={(e) => setTaxCategory(e.target.value as Tax)}
          >
            <option value="food">Food</option>
            <option value="soft_drink">Soft drink</option>
            <option value="alcohol">Alcohol</option>
          </select>
        </label>
        {field("nameEn")}
        {field("nameDe", "de")}
        {field("nameJa", "ja")}
        {field("descriptionEn")}
        {field("descriptionDe", "de")}
        {field("descriptionJa", "ja")}
        {kind === "pizza" ? null : (
          <MenuItemVariants
            prefix={prefix}
            variants={variants}
            onChange={setVariants}
            error={errors.variants}
          />
        )}
        <label className="field field--check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          <span>On the menu</span>
        </label>
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {entry ? "Save item" : "Add item"}
        </button>
        <FormNote note={note} />
      </form>
    </section>
  );
}
