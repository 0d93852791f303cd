// The signed-in user's notification choices, for every app (customer web, driver app, store console): per
// kind of message their role has, a box for each channel that kind can go out on (`choosable`). A box
// saves at once; a channel the user cannot be reached on yet (no verified phone, no subscribed phone) can
// be turned off but not on, and says why. Words come from the app (`text`), so each app speaks its own.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTRPC } from "./api-provider.tsx";
import { errorMessage } from "./errors.ts";
import { FormError } from "./fields.tsx";

export type NotificationChannel = "email" | "sms" | "push";

export interface NotificationChoicesText {
  title: string;
  loading: string;
  saved: string;
  /** Each kind's name and a line about it; kinds without words show their id. */
  kinds: Partial<Record<string, { title: string; hint?: string }>>;
  channels: Record<NotificationChannel, string>;
  /** Why a channel cannot be turned on yet ("Turn on notifications on this phone first."). */
  unreachable: Partial<Record<NotificationChannel, string>>;
}

export function NotificationChoices({
  text,
  consentKinds = [],
  footer,
}: {
  text: NotificationChoicesText;
  /** Kinds sent only with consent (marketing): ticking a box gives it. */
  consentKinds?: readonly string[];
  /** Shown under the kinds (a hint about adding a phone). */
  footer?: (available: readonly NotificationChannel[]) => ReactNode;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.notifications.preferences.queryKey();
  const prefs = useQuery(trpc.notifications.preferences.queryOptions());
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation(
    trpc.notifications.setPreference.mutationOptions({
      onSuccess: (next, input) => {
        queryClient.setQueryData(key, next);
        setSaved(input.kind);
      },
      // The box was ticked before the answer came: put back what the server keeps.
      onError: () => queryClient.invalidateQueries({ queryKey: key }),
    }),
  );
  type Kind = NonNullable<typeof prefs.data>["kinds"][number];

  function toggle(pref: Kind, channel: NotificationChannel, on: boolean) {
    const channels = on ? [...pref.channels, channel] : pref.channels.filter((c) => c !== channel);
    setSaved(null);
    // The tick shows at once; the answer (or, on a refusal, a reload) settles it.
    queryClient.setQueryData(key, (old) =>
      old ? { ...old, kinds: old.kinds.map((k) => (k.kind === pref.kind ? { ...k, channels } : k)) } : old,
    );
    save.mutate({
      kind: pref.kind,
      channels,
      ...(consentKinds.includes(pref.kind) ? { consent: on || undefined } : {}),
    });
  }

  return (
    <section
      className="card stack"
      aria-labelledby="notifications-heading"
      data-testid="notification-choices"
    >
      <h2 id="notifications-heading">{text.title}</h2>
      {prefs.isPending ? (
        <p className="muted" role="status">
          {text.loading}
        </p>
      ) : prefs.isError ? (
        <FormError message={errorMessage(prefs.error)} />
      ) : (
        <>
          {prefs.data.kinds.map((pref) => {
            const words = text.kinds[pref.kind];
            const blocked = pref.choosable.filter(
              (c) => !prefs.data.available.includes(c) && !pref.channels.includes(c),
            );
            return (
              <fieldset key={pref.kind} className="stack notification-kind" data-kind={pref.kind}>
                <legend>{words?.title ?? pref.kind}</legend>
                {words?.hint ? <p className="small muted">{words.hint}</p> : null}
                <div className="row">
                  {pref.choosable.map((channel) => (
                    <label key={channel} className="checkbox">
                      <input
                        type="checkbox"
                        name={`${pref.kind}-${channel}`}
                        checked={pref.channels.includes(channel)}
                        disabled={save.isPending || blocked.includes(channel)}
                        onChange={(e) => toggle(pref, channel, e.target.checked)}
                      />
                      {text.channels[channel]}
                    </label>
                  ))}
                  {saved === pref.kind ? (
                    <span className="small success" role="status">
                      {text.saved}
                    </span>
                  ) : null}
                </div>
                {blocked.map((c) =>
                  text.unreachable[c] ? (
                    <p key={c} className="small muted">
                      {text.unreachable[c]}
                    </p>
                  ) : null,
                )}
              </fieldset>
            );
          })}
          {footer?.(prefs.data.available)}
          <FormError message={save.isError ? errorMessage(save.error) : ""} />
        </>
      )}
    </section>
  );
}
