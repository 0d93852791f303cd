// `notifications.preferences`: the signed-in user's channels for each kind of message their role has, with
// which are their own choice and which channels they could pick.
import type { Database, Kysely } from "@pizza/db";
import { notFound } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { userContact } from "../auth/user-contact.ts";
import {
  availableChannels,
  choosableChannels,
  decideChannels,
  KINDS_BY_ROLE,
  type PreferenceChannel,
  type PreferenceKind,
} from "./channel-choice.ts";
import { hasSubscription } from "./push-subscriptions.ts";
import { reachOf, storedChoices } from "./stored-choices.ts";

export interface KindPreference {
  kind: PreferenceKind;
  channels: PreferenceChannel[];
  /** True while the user has not chosen: `channels` is the default, where it reaches them. */
  isDefault: boolean;
  /** Marketing: when the user consented (null: never, or withdrawn). */
  consentedAt: string | null;
  /** The channels this kind can go out on (`KIND_CHANNELS`): offers by push only, receipts by email or SMS. */
  choosable: PreferenceChannel[];
}

export interface Preferences {
  kinds: KindPreference[];
  /** The channels this user can be reached on (email with an address, SMS with a verified phone, push with a subscribed browser). */
  available: PreferenceChannel[];
}

export async function getPreferences(db: Kysely<Database>, user: AuthUser): Promise<Preferences> {
  const [contact, stored, subscribed] = await Promise.all([
    userContact(db, user.id),
    storedChoices(db, user.id),
    hasSubscription(db, user.id),
  ]);
  if (!contact) throw notFound("We could not find your account.");
  const reach = reachOf(user.id, contact, subscribed);
  const kinds: readonly PreferenceKind[] = KINDS_BY_ROLE[contact.role];
  return {
    available: availableChannels(reach),
    kinds: kinds.map((kind) => {
      const own = stored.get(kind);
      return {
        kind,
        // A default shows what is sent today: push only once a browser is subscribed, SMS as a fallback.
        channels: own
          ? (own.channels as PreferenceChannel[])
          : decideChannels(kind, reach, undefined).map((t) => t.channel),
        isDefault: own === undefined,
        consentedAt: own?.consentedAt ? new Date(own.consentedAt).toISOString() : null,
        choosable: choosableChannels(kind),
      };
    }),
  };
}
