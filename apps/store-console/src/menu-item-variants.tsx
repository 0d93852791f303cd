// The variants a side, dessert or drink comes in (issue 22), e.g. "350 ml can": each an id and names in
// English, German and Japanese, priced apart in the price form once saved. Saved ones can be renamed
// but not removed (the server keeps them: orders and prices refer to them); new rows can be dropped
// before saving. The server's message for any of them sits under the group.
import type { CatalogueEntry } from "./store-api-types.ts";

export interface VariantDraft {
  id: string;
  nameEn: string;
  nameDe: string;
  nameJa: string;
  saved: boolean;
}

export const draftsOf = (entry: CatalogueEntry | null): VariantDraft[] =>
  (entry?.variants ?? []).map((v) => ({
    id: v.id,
    nameEn: v.names.en,
    nameDe: v.names.de ?? "",
    nameJa: v.names.ja ?? "",
    saved: true,
  }));

const COLUMNS = [
  ["id", "Variant id (e.g. can_350ml)"],
  ["nameEn", "English name"],
  ["nameDe", "German name"],
  ["nameJa", "Japanese name"],
] as const;

export function MenuItemVariants({
  prefix,
  variants,
  onChange,
  error,
}: {
  prefix: string;
  variants: VariantDraft[];
  onChange(next: VariantDraft[]): void;
  error: string | undefined;
}) {
  const set = (index: number, patch: Partial<VariantDraft>) =>
    onChange(variants.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  return (
    <fieldset
      className="stack"
      aria-describedby={error ? `${prefix}-variants-error` : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>Variants (how it comes, e.g. 350 ml can; none: one size)</legend>
      {variants.map((v, index) => (
        // Saved variants keep their id; new rows are told apart by their place.
        <fieldset key={v.saved ? v.id : `new-${index}`} className="row">
          <legend className="visually-hidden">Variant {index + 1}</legend>
          {COLUMNS.map(([name, label]) => (
            <label key={name} className="field">
              <span className="field__label">{label}</span>
              <input
                className="input"
                value={v[name]}
                readOnly={name === "id" && v.saved}
                {...(name === "nameDe" ? { lang: "de" } : name === "nameJa" ? { lang: "ja" } : {})}
                onChange={(e) => set(index, { [name]: e.target.value })}
              />
            </label>
          ))}
          {v.saved ? null : (
            <button
              type="button"
              className="button button--small"
              onClick={() => onChange(variants.filter((_, i) => i !== index))}
            >
              Remove variant {index + 1}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--small"
        onClick={() => onChange([...variants, { id: "", nameEn: "", nameDe: "", nameJa: "", saved: false }])}
      >
        Add a variant
      </button>
      {error ? (
        <span className="field__error" id={`${prefix}-variants-error`}>
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
