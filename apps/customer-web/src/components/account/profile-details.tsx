// The account's profile card: email and phone with their verification, and the name to change.
import { errorMessage, FormError, fieldErrors, TextField } from "@pizza/ui";
import { type FormEvent, useState } from "react";
import type { Profile } from "../../api-types.ts";
import { useT } from "../../i18n/index.tsx";
import { useUpdateProfile } from "../../lib/use-update-profile.ts";
import { VerifyContact } from "../verify-contact.tsx";

export function ProfileDetails({ profile }: { profile: Profile }) {
  const t = useT();
  const [name, setName] = useState(profile.name);
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);
  const update = useUpdateProfile();
  const errors = fieldErrors(update.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    // An empty name is said next to the field, not sent.
    setMissing(!name.trim());
    if (!name.trim()) return;
    update.mutate({ name }, { onSuccess: () => setSaved(true) });
  }

  return (
    <section className="card stack" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t("account.profile")}</h2>
      <dl className="facts">
        {profile.email ? (
          <div>
            <dt>{t("ui.email")}</dt>
            <dd>
              {profile.email} <Verified ok={profile.emailVerified} />
              {profile.emailVerified ? null : <VerifyContact channel="email" target={profile.email} />}
            </dd>
          </div>
        ) : null}
        {profile.phone ? (
          <div>
            <dt>{t("ui.phone")}</dt>
            <dd>
              {profile.phone} <Verified ok={profile.phoneVerified} />
              {profile.phoneVerified ? null : <VerifyContact channel="phone" target={profile.phone} />}
            </dd>
          </div>
        ) : null}
      </dl>
      <form className="stack" onSubmit={submit} noValidate>
        <TextField
          label={t("account.name")}
          name="name"
          autoComplete="name"
          maxLength={100}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setSaved(false);
          }}
          error={missing ? t("form.nameRequired") : errors.name}
        />
        <FormError message={update.isError && !errors.name ? errorMessage(update.error) : ""} />
        <div className="row">
          <button
            type="submit"
            className="button button--primary"
            disabled={update.isPending || name.trim() === profile.name}
          >
            {update.isPending ? t("builder.saving") : t("account.saveName")}
          </button>
          {saved ? (
            <span className="small success" role="status">
              {t("account.saved")}
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function Verified({ ok }: { ok: boolean }) {
  const t = useT();
  return ok ? (
    <span className="badge badge--success">{t("account.verified")}</span>
  ) : (
    <span className="badge">{t("account.notVerified")}</span>
  );
}
