import { errorMessage, FormError, fieldErrors, TextField, useSession, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import type { Address, AddressInput, Profile } from "../api-types.ts";
import { AddressForm } from "../components/address-form.tsx";
import { VerifyContact } from "../components/verify-contact.tsx";
import { navigate, useLocation } from "../router.tsx";

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

export function AccountPage() {
  const trpc = useTRPC();
  const { user } = useSession();
  const { query } = useLocation();
  // Greeted once: the flag leaves the address bar so a reload or a shared link does not greet again.
  const welcomeParam = query.has("welcome");
  const [welcome] = useState(welcomeParam);

  useEffect(() => {
    if (!user) navigate("/signin?next=/account", { replace: true });
    else if (welcomeParam) navigate("/account", { replace: true });
  }, [user, welcomeParam]);

  const profile = useQuery({ ...trpc.user.profile.queryOptions(), enabled: user !== null });

  if (!user) return null;
  return (
    <div className="page stack account">
      <h1>Your account</h1>
      {welcome ? (
        <div className="alert alert--success" role="status">
          Welcome, {user.name}! Your account is ready. Add the address we should deliver to.
        </div>
      ) : null}
      {profile.isPending ? (
        <p className="muted" role="status">
          Loading your profile…
        </p>
      ) : profile.isError ? (
        <div className="stack">
          <FormError message={errorMessage(profile.error)} />
          <div>
            <button type="button" className="button" onClick={() => profile.refetch()}>
              Try again
            </button>
          </div>
        </div>
      ) : (
        <>
          <ProfileDetails profile={profile.data} />
          <Addresses profile={profile.data} />
        </>
      )}
    </div>
  );
}

function useUpdateProfile() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { updateUser } = useSession();
  return useMutation(
    trpc.user.updateProfile.mutationOptions({
      onSuccess: (profile) => {
        queryClient.setQueryData(trpc.user.profile.queryKey(), profile);
        const { id, email, phone, name, role, storeId, emailVerified, phoneVerified } = profile;
        updateUser({ id, email, phone, name, role, storeId, emailVerified, phoneVerified });
      },
    }),
  );
}

function ProfileDetails({ profile }: { profile: Profile }) {
  const [name, setName] = useState(profile.name);
  const [saved, setSaved] = useState(false);
  const update = useUpdateProfile();
  const errors = fieldErrors(update.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    update.mutate({ name }, { onSuccess: () => setSaved(true) });
  }

  return (
    <section className="card stack" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <dl className="facts">
        {profile.email ? (
          <div>
            <dt>Email</dt>
            <dd>
              {profile.email} <Verified ok={profile.emailVerified} />
              {profile.emailVerified ? null : <VerifyContact channel="email" target={profile.email} />}
            </dd>
          </div>
        ) : null}
        {profile.phone ? (
          <div>
            <dt>Phone</dt>
            <dd>
              {profile.phone} <Verified ok={profile.phoneVerified} />
              {profile.phoneVerified ? null : <VerifyContact channel="phone" target={profile.phone} />}
            </dd>
          </div>
        ) : null}
      </dl>
      <form className="stack" onSubmit={submit} noValidate>
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          maxLength={100}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setSaved(false);
          }}
          error={errors.name}
        />
        <FormError message={update.isError && !errors.name ? errorMessage(update.error) : ""} />
        <div className="row">
          <button
            type="submit"
            className="button button--primary"
            disabled={update.isPending || name.trim() === profile.name}
          >
            {update.isPending ? "Saving…" : "Save name"}
          </button>
          {saved ? (
            <span className="small success" role="status">
              Saved.
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function Verified({ ok }: { ok: boolean }) {
  return ok ? (
    <span className="badge badge--success">verified</span>
  ) : (
    <span className="badge">not verified</span>
  );
}

function Addresses({ profile }: { profile: Profile }) {
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
    save(next, address.id ? `Saved “${address.label}”.` : `Added “${address.label}”.`);
  }

  const serverError = update.isError ? withoutPath(errorMessage(update.error)) : "";

  return (
    <section className="card stack" aria-labelledby="addresses-heading">
      <div className="row row--between">
        <h2 id="addresses-heading">Delivery addresses</h2>
        {editing === null && addresses.length < 20 ? (
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => {
              update.reset();
              setEditing("new");
            }}
          >
            Add address
          </button>
        ) : null}
      </div>
      {notice ? (
        <p className="small success" role="status">
          {notice}
        </p>
      ) : null}
      {addresses.length === 0 && editing === null ? (
        <p className="muted">No saved addresses yet. Add one so checkout takes a single tap.</p>
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
      <ul className="address-list" aria-label="Saved addresses">
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
            <li key={a.id} className="address" data-testid="address">
              <div className="address__text">
                <p className="address__label">
                  <strong>{a.label}</strong>
                  {a.isDefault ? <span className="badge badge--success">Default</span> : null}
                </p>
                <p>
                  {a.line1}
                  {a.line2 ? `, ${a.line2}` : ""}
                </p>
                <p>{[a.postalCode, a.city].filter(Boolean).join(" ")}</p>
                {a.notes ? <p className="small muted">“{a.notes}”</p> : null}
                <p className="small muted">
                  {a.lat.toFixed(5)}, {a.lng.toFixed(5)}
                </p>
              </div>
              <div className="address__actions">
                <button
                  type="button"
                  className="button button--small"
                  disabled={editing !== null || update.isPending}
                  onClick={() => {
                    update.reset();
                    setEditing(a.id);
                  }}
                >
                  Edit
                  <span className="visually-hidden"> {a.label}</span>
                </button>
                {!a.isDefault ? (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={editing !== null || update.isPending}
                    onClick={() =>
                      save(
                        current.map((c) => ({ ...c, isDefault: c.id === a.id })),
                        `“${a.label}” is now your default address.`,
                      )
                    }
                  >
                    Make default<span className="visually-hidden">: {a.label}</span>
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={editing !== null || update.isPending}
                  onClick={() => {
                    if (window.confirm(`Remove “${a.label}” from your addresses?`))
                      save(
                        current.filter((c) => c.id !== a.id),
                        `Removed “${a.label}”.`,
                      );
                  }}
                >
                  Remove
                  <span className="visually-hidden"> {a.label}</span>
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
      {editing === null && update.isError ? <FormError message={serverError} /> : null}
    </section>
  );
}
