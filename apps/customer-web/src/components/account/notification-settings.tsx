// The account's "Notifications" card: for each kind of message, the channels the customer wants it on
// (only channels they can be reached on). Each tick saves at once; offers and news only with the
// customer's explicit consent, which ticking their box gives.
import { errorMessage, FormError, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { NotificationKindPreference, NotificationPreferences } from "../../api-types.ts";

type Channel = NotificationPreferences["available"][number];

const KIND_TEXT: Record<string, { title: string; hint: string }> = {
  receipts: { title: "Receipts", hint: "After each order." },
  order_status: { title: "Order updates", hint: "On its way, cancellations, refunds and reminders." },
  arriving: { title: "Driver arriving", hint: "When your driver is about two minutes away." },
  marketing: { title: "Offers and news", hint: "Only if you agree: ticking a box is your consent." },
};

const CHANNEL_TEXT: Record<Channel, string> = { email: "Email", sms: "SMS", push: "Push" };

export function NotificationSettings() {
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
      <h2 id="notifications-heading">Notifications</h2>
      {prefs.isPending ? (
        <p className="muted" role="status">
          Loading your choices…
        </p>
      ) : prefs.isError ? (
        <FormError message={errorMessage(prefs.error)} />
      ) : (
        <>
          {prefs.data.kinds.map((pref) => (
            <fieldset key={pref.kind} className="stack notification-kind" data-kind={pref.kind}>
              <legend>{KIND_TEXT[pref.kind]?.title ?? pref.kind}</legend>
              <p className="small muted">{KIND_TEXT[pref.kind]?.hint}</p>
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
                    {CHANNEL_TEXT[channel]}
                  </label>
                ))}
                {saved === pref.kind ? (
                  <span className="small success" role="status">
                    Saved.
                  </span>
                ) : null}
              </div>
            </fieldset>
          ))}
          {prefs.data.available.includes("sms") ? null : (
            <p className="small muted">Verify a phone number above to get messages by SMS.</p>
          )}
          <FormError message={save.isError ? errorMessage(save.error) : ""} />
        </>
      )}
    </section>
  );
}
