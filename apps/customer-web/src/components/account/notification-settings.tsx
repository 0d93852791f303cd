// The account's "Notifications" card: for each kind of message, the channels the customer wants it on
// (only channels they can be reached on). Each tick saves at once; offers and news only with the
// customer's explicit consent, which ticking their box gives.

import { errorMessage, FormError, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { NotificationKindPreference, NotificationPreferences } from "../../api-types.ts";
import { type MessageKey, useT } from "../../i18n/index.tsx";

type Channel = NotificationPreferences["available"][number];

const KIND_TEXT: Record<string, { title: MessageKey; hint: MessageKey }> = {
  receipts: { title: "notify.receipts", hint: "notify.receiptsHint" },
  order_status: { title: "notify.status", hint: "notify.statusHint" },
  arriving: { title: "notify.arriving", hint: "notify.arrivingHint" },
  marketing: { title: "notify.marketing", hint: "notify.marketingHint" },
};

const CHANNEL_TEXT: Record<Channel, MessageKey> = {
  email: "ui.email",
  sms: "notify.sms",
  push: "notify.push",
};

export function NotificationSettings() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const prefs = useQuery(trpc.notifications.preferences.queryOptions());
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation(
    trpc.notifications.setPreference.mutationOptions({
      onSuccess: (next, input) => {
        queryClient.setQueryData(trpc.notifications.preferences.queryKey(), next);
        setSaved(input.kind);
      },
      // The box was ticked before the answer came: put back what the server keeps.
      onError: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.preferences.queryKey() }),
    }),
  );

  function toggle(pref: NotificationKindPreference, channel: Channel, on: boolean) {
    const channels = on ? [...pref.channels, channel] : pref.channels.filter((c) => c !== channel);
    setSaved(null);
    // The tick shows at once; the answer (or, on a refusal, a reload) settles it.
    queryClient.setQueryData(trpc.notifications.preferences.queryKey(), (old) =>
      old ? { ...old, kinds: old.kinds.map((k) => (k.kind === pref.kind ? { ...k, channels } : k)) } : old,
    );
    save.mutate({
      kind: pref.kind,
      channels,
      ...(pref.kind === "marketing" ? { consent: on || undefined } : {}),
    });
  }

  return (
    <section className="card stack" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t("notify.title")}</h2>
      {prefs.isPending ? (
        <p className="muted" role="status">
          {t("notify.loading")}
        </p>
      ) : prefs.isError ? (
        <FormError message={errorMessage(prefs.error)} />
      ) : (
        <>
          {prefs.data.kinds.map((pref) => (
            <fieldset key={pref.kind} className="stack notification-kind" data-kind={pref.kind}>
              <legend>{KIND_TEXT[pref.kind] ? t(KIND_TEXT[pref.kind]!.title) : pref.kind}</legend>
              <p className="small muted">{KIND_TEXT[pref.kind] ? t(KIND_TEXT[pref.kind]!.hint) : null}</p>
              <div className="row">
                {prefs.data.available.map((channel) => (
                  <label key={channel} className="checkbox">
                    <input
                      type="checkbox"
                      name={`${pref.kind}-${channel}`}
                      checked={pref.channels.includes(channel)}
                      disabled={save.isPending}
                      onChange={(e) => toggle(pref, channel, e.target.checked)}
                    />
                    {t(CHANNEL_TEXT[channel])}
                  </label>
                ))}
                {saved === pref.kind ? (
                  <span className="small success" role="status">
                    {t("account.saved")}
                  </span>
                ) : null}
              </div>
            </fieldset>
          ))}
          {prefs.data.available.includes("sms") ? null : (
            <p className="small muted">{t("notify.verifyPhone")}</p>
          )}
          <FormError message={save.isError ? errorMessage(save.error) : ""} />
        </>
      )}
    </section>
  );
}
