// The account's delivery addresses: the list, adding one, editing one, and the default.
import { errorMessage, FormError } from "@pizza/ui";
import { useState } from "react";
import type { Address, AddressInput, Profile } from "../../api-types.ts";
import { useT } from "../../i18n/index.tsx";
import { useUpdateProfile } from "../../lib/use-update-profile.ts";
import { AddressForm } from "../address-form.tsx";
import { SavedAddress } from "./saved-address.tsx";

const toInput = (a: Address, defaultId: string | null): AddressInput => ({
  id: a.id,
  label: a.label,
  line1: a.line1,
  line2: a.line2,
  city: a.city,
  postalCode: a.postalCode,
  notes: a.notes,
  lat: a.lat,
  lng: a.lng,
  isDefault: a.id === defaultId,
});

/** The server says "addresses.0.lat: Latitude must…"; people only need the sentence. */
const withoutPath = (message: string) => message.replace(/^[\w.]+: /, "");

export function Addresses({ profile }: { profile: Profile }) {
  const t = useT();
  const update = useUpdateProfile();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [notice, setNotice] = useState("");
  const addresses = profile.addresses;
  const current = addresses.map((a) => toInput(a, profile.defaultAddressId));

  function save(next: AddressInput[], message: string) {
    setNotice("");
    update.mutate(
      { addresses: next },
      {
        onSuccess: () => {
          setEditing(null);
          setNotice(message);
        },
      },
    );
  }

  function upsert(address: AddressInput) {
    const others = current.map((a) => (address.isDefault ? { ...a, isDefault: false } : a));
    const next = address.id ? others.map((a) => (a.id === address.id ? address : a)) : [...others, address];
    // The first address saved becomes the default.
    if (!next.some((a) => a.isDefault) && next.length === 1) next[0]!.isDefault = true;
    save(next, t(address.id ? "account.savedAddress" : "account.addedAddress", { label: address.label }));
  }

  const serverError = update.isError ? withoutPath(errorMessage(update.error)) : "";

  return (
    <section className="card stack" aria-labelledby="addresses-heading">
      <div className="row row--between">
        <h2 id="addresses-heading">{t("account.addresses")}</h2>
        {editing === null && addresses.length < 20 ? (
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => {
              update.reset();
              setEditing("new");
            }}
          >
            {t("account.addAddress")}
          </button>
        ) : null}
      </div>
      {notice ? (
        <p className="small success" role="status">
          {notice}
        </p>
      ) : null}
      {addresses.length === 0 && editing === null ? (
        <p className="muted">{t("account.noAddresses")}</p>
      ) : null}
      {editing === "new" ? (
        <AddressForm
          isDefault={addresses.length === 0}
          canChooseDefault={addresses.length > 0}
          busy={update.isPending}
          serverError={serverError}
          onSave={upsert}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <ul className="address-list" aria-label={t("start.savedAddresses")}>
        {addresses.map((a) =>
          editing === a.id ? (
            <li key={a.id}>
              <AddressForm
                initial={toInput(a, profile.defaultAddressId)}
                isDefault={a.isDefault}
                canChooseDefault={!a.isDefault}
                busy={update.isPending}
                serverError={serverError}
                onSave={upsert}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <SavedAddress
              key={a.id}
              address={a}
              disabled={editing !== null || update.isPending}
              onEdit={() => {
                update.reset();
                setEditing(a.id);
              }}
              onMakeDefault={() =>
                save(
                  current.map((c) => ({ ...c, isDefault: c.id === a.id })),
                  t("account.nowDefault", { label: a.label }),
                )
              }
              onRemove={() => {
                if (window.confirm(t("account.confirmRemove", { label: a.label })))
                  save(
                    current.filter((c) => c.id !== a.id),
                    t("account.removedAddress", { label: a.label }),
                  );
              }}
            />
          ),
        )}
      </ul>
      {editing === null && update.isError ? <FormError message={serverError} /> : null}
    </section>
  );
}
