// `notifications.setPreference`: the signed-in user chooses the channels of one kind of message. Only the
// kinds of their role, only the kind's channels (`KIND_CHANNELS`), and a channel they add only when they
// can be reached on it (one already on stays, so a driver without a subscribed phone can still turn push
// off); marketing needs explicit consent, whose time is kept (choosing no channel withdraws it).
import type { Database, Kysely } from "@pizza/db";
import { badRequest, notFound } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { userContact } from "../auth/user-contact.ts";
import {
  availableChannels,
  choosableChannels,
  KINDS_BY_ROLE,
  type PreferenceChannel,
  type PreferenceKind,
} from "./channel-choice.ts";
import { getPreferences, type Preferences } from "./get-preferences.ts";
import { hasSubscription } from "./push-subscriptions.ts";
import { reachOf } from "./stored-choices.ts";

const CHANNEL_WORDS: Record<PreferenceChannel, string> = {
  email: "Add an email address to your account first.",
  sms: "Add and verify a phone number first.",
  push: "Turn on notifications on this device first.",
};

const CHANNEL_NAMES: Record<PreferenceChannel, string> = {
  email: "email",
  sms: "SMS",
  push: "push notification",
};

export async function setPreference(
  db: Kysely<Database>,
  user: AuthUser,
  input: { kind: PreferenceKind; channels: PreferenceChannel[]; consent?: boolean | undefined },
): Promise<Preferences> {
  const contact = await userContact(db, user.id);
  if (!contact) throw notFound("We could not find your account.");
  if (!(KINDS_BY_ROLE[contact.role] as readonly string[]).includes(input.kind))
    throw badRequest(`Your account has no "${input.kind}" messages to choose for.`);
  const choosable = choosableChannels(input.kind);
  const wrong = input.channels.find((c) => !choosable.includes(c));
  if (wrong)
    throw badRequest(
      `These messages cannot be sent by ${CHANNEL_NAMES[wrong]}, only by ${choosable.map((c) => CHANNEL_NAMES[c]).join(" or ")}.`,
    );
  const [subscribed, before] = await Promise.all([
    hasSubscription(db, user.id),
    getPreferences(db, user).then((p) => p.kinds.find((k) => k.kind === input.kind)?.channels ?? []),
  ]);
  const available = availableChannels(reachOf(user.id, contact, subscribed));
  const missing = input.channels.find((c) => !available.includes(c) && !before.includes(c));
  if (missing) throw badRequest(CHANNEL_WORDS[missing]);
  const channels = [...new Set(input.channels)];
  if (input.kind === "marketing" && channels.length > 0 && input.consent !== true)
    throw badRequest("Marketing messages are sent only with your consent: tick the consent box.");
  const consentedAt = input.kind === "marketing" && channels.length > 0 ? new Date() : null;
  await db
    .insertInto("notification_preferences")
    .values({ user_id: user.id, kind: input.kind, channels, consented_at: consentedAt })
    .onConflict((oc) =>
      oc.columns(["user_id", "kind"]).doUpdateSet((eb) => ({
        channels,
        // Consent keeps the time it was first given while the user stays subscribed.
        consented_at:
          consentedAt === null
            ? null
            : eb.fn.coalesce("notification_preferences.consented_at", eb.val(consentedAt)),
        updated_at: new Date(),
      })),
    )
    .execute();
  return getPreferences(db, user);
}
