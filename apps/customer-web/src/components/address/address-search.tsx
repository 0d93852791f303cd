// A street-address input that suggests places while the customer types, built on the WAI-ARIA combobox
// pattern: the list is announced, arrow keys move through it, Enter chooses, Escape closes it.
import { errorMessage } from "@pizza/ui";
import type { LngLat } from "@pizza/ui/map";
import { type InputHTMLAttributes, type KeyboardEvent, useId, useState } from "react";
import type { Place } from "../../api-types.ts";
import { type Translate, useT } from "../../i18n/index.tsx";
import { MIN_SEARCH, useAddressSearch } from "../../lib/use-address-search.ts";

type InputProps = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  "name" | "autoComplete" | "maxLength" | "required"
>;

export function AddressSearch({
  label,
  value,
  near,
  error,
  input,
  onChange,
  onChoose,
}: {
  label: string;
  value: string;
  /** Suggestions near here come first (the pin, or the chosen area's stores). */
  near: LngLat | null;
  error?: string | undefined;
  input?: InputProps;
  onChange(text: string): void;
  onChoose(place: Place): void;
}) {
  const t = useT();
  const id = useId();
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useAddressSearch(value, near, open);
  const places = search.places;
  const expanded = open && places.length > 0;

  function choose(place: Place) {
    onChoose(place);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      if (places.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + places.length) % places.length);
    } else if (event.key === "Enter" && expanded && active >= 0 && places[active]) {
      event.preventDefault();
      choose(places[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <div className={`field address-search${error ? " field--invalid" : ""}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
        {...input}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <SuggestionList listId={listId} places={expanded ? places : []} active={active} onChoose={choose} />
      <span className="visually-hidden" role="status">
        {searchStatus(t, open, value, places.length, search.error)}
      </span>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** What a screen reader hears about the list as it changes. */
function searchStatus(t: Translate, open: boolean, value: string, count: number, error: unknown): string {
  if (!open || value.trim().length < MIN_SEARCH) return "";
  if (error) return errorMessage(error);
  if (count === 0) return "";
  return t("address.suggestions", { count });
}

function SuggestionList({
  listId,
  places,
  active,
  onChoose,
}: {
  listId: string;
  places: Place[];
  active: number;
  onChoose(place: Place): void;
}) {
  const t = useT();
  // Always in the DOM (aria-controls points here), hidden while empty.
  return (
    <div
      id={listId}
      role="listbox"
      aria-label={t("address.suggested")}
      className="address-search__list"
      hidden={places.length === 0}
    >
      {places.map((place, i) => (
        <div
          key={place.id}
          id={`${listId}-${i}`}
          role="option"
          tabIndex={-1}
          aria-selected={i === active}
          className="address-search__option"
          // Chosen on mousedown, before the input's blur closes the list.
          onMouseDown={(e) => {
            e.preventDefault();
            onChoose(place);
          }}
        >
          {place.label}
        </div>
      ))}
    </div>
  );
}
