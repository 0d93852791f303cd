import { errorMessage, FormError, TextField, useSession, useTRPC } from "@pizza/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useT } from "../i18n/index.tsx";

/**
 * Confirms an email address or phone number with the six-digit code the API sent on sign-up (or a new
 * one on request). The embedded notifier writes codes to the server log.
 */
export function VerifyContact({ channel, target }: { channel: "email" | "phone"; target: string }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { updateUser } = useSession();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState("");
  const [sentNotice, setSentNotice] = useState("");
  const [missing, setMissing] = useState(false);

  const verify = useMutation(
    trpc.auth.verify.mutationOptions({
      onSuccess: async (user) => {
        updateUser(user);
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.user.profile.queryKey() });
      },
    }),
  );
  const resend = useMutation(
    trpc.auth.requestVerification.mutationOptions({
      onSuccess: (r) => setSentNotice(t("verify.sentNew", { to: r.sentTo })),
    }),
  );

  if (!open) {
    return (
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        {channel === "email" ? t("verify.email") : t("verify.phone")}
      </button>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!/^\d{6}$/.test(code.trim()));
    if (!/^\d{6}$/.test(code.trim())) return;
    verify.mutate({ channel, code: code.trim() });
  }

  const problem = verify.error ?? resend.error;
  return (
    <form className="stack stack--tight verify" onSubmit={submit} noValidate>
      <p className="small">{t("verify.enterCode", { target })}</p>
      <TextField
        label={t("verify.code")}
        error={missing ? t("form.codeRequired") : undefined}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
      />
      {sentNotice ? (
        <p className="small success" role="status">
          {sentNotice}
        </p>
      ) : null}
      <FormError message={problem ? errorMessage(problem).replace(/^code: /, "") : ""} />
      <div className="row">
        <button type="submit" className="button button--primary button--small" disabled={verify.isPending}>
          {verify.isPending ? t("verify.checking") : t("verify.confirm")}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={resend.isPending}
          onClick={() => {
            setSentNotice("");
            resend.mutate({ channel });
          }}
        >
          {t("verify.sendNew")}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => setOpen(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
