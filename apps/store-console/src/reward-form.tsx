// Creating or editing one loyalty reward: its id (new ones), names in en/de/ja, points, what it gives (a
// free item in one size, an amount off in the region's currency, free delivery) and whether it is offered.
// Numbers are checked here; everything else by the server, each message under its field.
import { type InputHTMLAttributes, useState } from "react";
import { ItemVariantPicker } from "./item-variant-picker.tsx";
import { parseAmount } from "./money.ts";
import type { CatalogueReward, Menu } from "./store-api-types.ts";
import { TextField } from "./text-field.tsx";

export type RewardRow = CatalogueReward;
type Kind = RewardRow["kind"];

export interface RewardRequest {
  id: string;
  nameEn: string;
  nameDe?: string | undefined;
  nameJa?: string | undefined;
  points: number;
  kind: Kind;
  itemId?: string | undefined;
  variant?: string | undefined;
  amount?: number | undefined;
  active: boolean;
}

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange">;

type Fields = {
  id: string;
  nameEn: string;
  nameDe: string;
  nameJa: string;
  points: string;
  amount: string;
};

export function RewardForm({
  menu,
  editing,
  pending,
  serverErrors,
  onCancel,
  onSubmit,
}: {
  menu: Menu;
  editing: RewardRow | null;
  pending: boolean;
  serverErrors: Record<string, string>;
  onCancel(): void;
  onSubmit(request: RewardRequest): void;
}) {
  const { currency, currencyDigits } = menu.region;
  const major = (minor: number | null) =>
    minor === null ? "" : (minor / 10 ** currencyDigits).toFixed(currencyDigits);
  const [form, setForm] = useState<Fields>({
    id: editing?.id ?? "",
    nameEn: editing?.nameEn ?? "",
    nameDe: editing?.nameDe ?? "",
    nameJa: editing?.nameJa ?? "",
    points: editing ? String(editing.points) : "",
    amount: major(editing?.amount ?? null),
  });
  const [kind, setKind] = useState<Kind>(editing?.kind ?? "free_item");
  const firstItem = menu.items[0];
  const [itemId, setItemId] = useState(editing?.itemId ?? firstItem?.id ?? "");
  const [variant, setVariant] = useState(editing?.variant ?? firstItem?.variants[0]?.id ?? "");
  const [active, setActive] = useState(editing?.active ?? true);
  const [localErrors, setLocalErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const errors: Record<string, string | undefined> = { ...serverErrors, ...localErrors };
  const prefix = editing ? "reward-edit" : "reward-new";

  const field = (name: keyof Fields, label: string, props: FieldProps = {}) => (
    <TextField
      id={`${prefix}-${name}`}
      label={label}
      value={form[name]}
      onValue={(value) => setForm((f) => ({ ...f, [name]: value }))}
      error={errors[name]}
      {...props}
    />
  );

  return (
    <form
      className="row reward-form"
      noValidate
      aria-labelledby={`${prefix}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const found: Partial<Record<keyof Fields, string>> = {};
        const points = Number(form.points.trim());
        if (!form.points.trim() || !Number.isInteger(points))
          found.points = "Enter the points as a whole number, e.g. 60.";
        const amount = kind === "amount_off" ? parseAmount(form.amount, currencyDigits) : undefined;
        if (amount === null)
          found.amount =
            currencyDigits === 0
              ? `Enter the amount off in whole ${currency}, e.g. 500.`
              : `Enter the amount off in ${currency}, e.g. 5.00.`;
        setLocalErrors(found);
        if (Object.keys(found).length > 0) return;
        onSubmit({
          id: form.id.trim(),
          nameEn: form.nameEn,
          nameDe: form.nameDe || undefined,
          nameJa: form.nameJa || undefined,
          points,
          kind,
          itemId: kind === "free_item" ? itemId : undefined,
          variant: kind === "free_item" ? variant : undefined,
          amount: amount ?? undefined,
          active,
        });
      }}
    >
      <h3 id={`${prefix}-title`} className="reward-form__title">
        {editing ? `Edit ${editing.nameEn}` : "New reward"}
      </h3>
      {editing ? null : field("id", "Id (e.g. us-free-garlic-bread)", { autoCapitalize: "none" })}
      {field("nameEn", "Name in English")}
      {field("nameDe", "Name in German (optional)", { lang: "de" })}
      {field("nameJa", "Name in Japanese (optional)", { lang: "ja" })}
      {field("points", "Points", { inputMode: "numeric" })}
      <label className="field">
        <span className="field__label">Gives</span>
        <select className="input" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="free_item">A free item</option>
          <option value="amount_off">An amount off</option>
          <option value="free_delivery">Free delivery</option>
        </select>
      </label>
      {kind === "free_item" ? (
        <>
          <ItemVariantPicker
            menu={menu}
            itemId={itemId}
            variant={variant}
            onChange={(nextItem, nextVariant) => {
              setItemId(nextItem);
              setVariant(nextVariant);
            }}
          />
          {errors.itemId || errors.variant ? (
            <span className="field__error" role="status">
              {errors.itemId ?? errors.variant}
            </span>
          ) : null}
        </>
      ) : null}
      {kind === "amount_off" ? field("amount", `Amount off (${currency})`, { inputMode: "decimal" }) : null}
      <label className="field field--check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        <span>Offered to customers</span>
      </label>
      <button type="submit" className="button button--primary" disabled={pending}>
        {editing ? "Save reward" : "Add reward"}
      </button>
      {editing ? (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </form>
  );
}
