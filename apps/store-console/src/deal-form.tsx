// Creating or editing one deal of the region (issue 22): its id (new ones), names in en/de/ja, the set
// price in the region's currency, what it is made of (up to 6 slots: how many of which kind, of which size
// or item, or any) and whether it is offered. The price is checked here; the rest by the server, each
// message under its field (a slot's under the slots).
import { type InputHTMLAttributes, useState } from "react";
import { parseAmount } from "./money.ts";
import type { AdminDeal, Menu } from "./store-api-types.ts";
import { TextField } from "./text-field.tsx";

type Kind = AdminDeal["slots"][number]["kind"];
type SlotDraft = { key: number; kind: Kind; variant: string; itemId: string; quantity: string };
export interface DealRequest {
  id: string;
  nameEn: string;
  nameDe?: string | undefined;
  nameJa?: string | undefined;
  price: number;
  slots: { kind: Kind; variant?: string | undefined; itemId?: string | undefined; quantity: number }[];
  active: boolean;
}
type Fields = { id: string; nameEn: string; nameDe: string; nameJa: string; price: string };
type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange">;

const KINDS: Kind[] = ["pizza", "side", "dessert", "drink"];
let slotKeys = 0;
const blankSlot = (): SlotDraft => ({
  key: ++slotKeys,
  kind: "pizza",
  variant: "",
  itemId: "",
  quantity: "1",
});

export function DealForm(props: {
  menu: Menu;
  editing: AdminDeal | null;
  pending: boolean;
  serverErrors: Record<string, string>;
  onCancel(): void;
  onSubmit(request: DealRequest): void;
}) {
  const { menu, editing } = props;
  const { currency, currencyDigits } = menu.region;
  const [form, setForm] = useState<Fields>({
    id: editing?.id ?? "",
    nameEn: editing?.nameEn ?? "",
    nameDe: editing?.nameDe ?? "",
    nameJa: editing?.nameJa ?? "",
    price: editing ? (editing.price / 10 ** currencyDigits).toFixed(currencyDigits) : "",
  });
  const [slots, setSlots] = useState<SlotDraft[]>(
    editing?.slots.map((s) => ({
      key: ++slotKeys,
      kind: s.kind,
      variant: s.variant ?? "",
      itemId: s.itemId ?? "",
      quantity: String(s.quantity),
    })) ?? [blankSlot()],
  );
  const [active, setActive] = useState(editing?.active ?? true);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors: Record<string, string | undefined> = { ...props.serverErrors, ...localErrors };
  const prefix = editing ? "deal-edit" : "deal-new";
  const slotError = Object.entries(errors).find(([k]) => k.startsWith("slots"))?.[1];
  const field = (name: keyof Fields, label: string, input: FieldProps = {}) => (
    <TextField
      id={`${prefix}-${name}`}
      label={label}
      value={form[name]}
      onValue={(value) => setForm((f) => ({ ...f, [name]: value }))}
      error={errors[name]}
      {...input}
    />
  );
  const setSlot = (i: number, patch: Partial<SlotDraft>) =>
    setSlots((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  return (
    <form
      className="row reward-form"
      noValidate
      aria-labelledby={`${prefix}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const price = parseAmount(form.price, currencyDigits);
        const found: Record<string, string> = {};
        if (price === null)
          found.price = `Enter the deal's price in ${currency}, e.g. ${currencyDigits === 0 ? "2800" : "18.00"}.`;
        if (slots.some((s) => !/^\d+$/.test(s.quantity.trim())))
          found.slots = "Enter how many each slot takes as a whole number.";
        setLocalErrors(found);
        if (price === null || Object.keys(found).length > 0) return;
        props.onSubmit({
          id: form.id.trim(),
          nameEn: form.nameEn,
          nameDe: form.nameDe || undefined,
          nameJa: form.nameJa || undefined,
          price,
          slots: slots.map((s) => ({
            kind: s.kind,
            variant: s.variant || undefined,
            itemId: s.itemId || undefined,
            quantity: Number(s.quantity.trim()),
          })),
          active,
        });
      }}
    >
      <h3 id={`${prefix}-title`} className="reward-form__title">
        {editing ? `Edit ${editing.nameEn}` : "New deal"}
      </h3>
      {editing ? null : field("id", "Id (e.g. us-two-mediums)", { autoCapitalize: "none" })}
      {field("nameEn", "Name in English")}
      {field("nameDe", "Name in German (optional)", { lang: "de" })}
      {field("nameJa", "Name in Japanese (optional)", { lang: "ja" })}
      {field("price", `Deal price (${currency})`, { inputMode: "decimal" })}
      <fieldset className="stack stack--tight">
        <legend className="field__label">Made of</legend>
        {slots.map((s, i) => (
          <SlotRow key={s.key} menu={menu} n={i + 1} slot={s} onChange={(p) => setSlot(i, p)} />
        ))}
        <div className="row">
          {slots.length < 6 ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => setSlots((a) => [...a, blankSlot()])}
            >
              Add a slot
            </button>
          ) : null}
          {slots.length > 1 ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => setSlots((a) => a.slice(0, -1))}
            >
              Remove the last slot
            </button>
          ) : null}
        </div>
        {slotError ? (
          <span className="field__error" role="status">
            {slotError}
          </span>
        ) : null}
      </fieldset>
      <label className="field field--check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        <span>Offered to customers</span>
      </label>
      <button type="submit" className="button button--primary" disabled={props.pending}>
        {editing ? "Save deal" : "Add deal"}
      </button>
      {editing ? (
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      ) : null}
    </form>
  );
}

/** One slot: how many, of which kind, which size or variant (or any), which item (or any). */
function SlotRow({
  menu,
  n,
  slot,
  onChange,
}: {
  menu: Menu;
  n: number;
  slot: SlotDraft;
  onChange(p: Partial<SlotDraft>): void;
}) {
  const items = menu.items.filter((i) => i.kind === slot.kind);
  const variants =
    slot.kind === "pizza"
      ? menu.sizes.map((s) => ({ id: s.id, name: s.name }))
      : [
          ...new Map(
            items
              .flatMap((i) => i.variants)
              .filter((v) => v.id)
              .map((v) => [v.id, v]),
          ).values(),
        ];
  return (
    <div className="row">
      <label className="field">
        <span className="field__label">Slot {n}: how many</span>
        <input
          className="input"
          inputMode="numeric"
          value={slot.quantity}
          onChange={(e) => onChange({ quantity: e.target.value })}
        />
      </label>
      <label className="field">
        <span className="field__label">Slot {n}: kind</span>
        <select
          className="input"
          value={slot.kind}
          onChange={(e) => onChange({ kind: e.target.value as Kind, variant: "", itemId: "" })}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Slot {n}: size</span>
        <select
          className="input"
          value={slot.variant}
          onChange={(e) => onChange({ variant: e.target.value })}
        >
          <option value="">any</option>
          {variants.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name || v.id}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Slot {n}: item</span>
        <select className="input" value={slot.itemId} onChange={(e) => onChange({ itemId: e.target.value })}>
          <option value="">any</option>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
