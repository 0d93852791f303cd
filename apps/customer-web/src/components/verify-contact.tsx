import { errorMessage, FormError, TextField, useSession, useTRPC } from "@pizza/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

/**
 * Confirms an email address or phone number with the six-digit code the API sent on sign-up (or a new
 * one on request). The embedded notifier writes codes to the server log.
 */
export function VerifyContact({ channel, target }: { channel: "email" | "phone"; target: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { updateUser } = useSession();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState("");
  const [sentNotice, setSentNotice] = useState("");

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
      onSuccess: (r) => setSentNotice(`We sent a new code to ${r.sentTo}.`),
    }),
  );

  if (!open) {
    return (
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        Verify {channel === "email" ? "email" : "phone"}
      </button>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    verify.mutate({ channel, code: code.trim() });
  }

  const problem = verify.error ?? resend.error;
  return (
    <form className="stack stack--tight verify" onSubmit={submit} noValidate>
      <p className="small">
        Enter the 6-digit code we sent to <strong>{target}</strong> when you signed up.
      </p>
      <TextField
        label="Verification code"
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
          {verify.isPending ? "Checking…" : "Confirm"}
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
          Send a new code
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
