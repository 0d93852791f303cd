// A customer's profile and saved addresses (`user_addresses`); the account's own columns are written
// through the auth module (`auth/user-profile.ts`).
import type { Database, Kysely } from "@pizza/db";
import { badRequest, notFound } from "../../errors.ts";
import { toPublicUser } from "../auth/auth.service.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { type ProfilePatch, profileRow, updateProfileColumns } from "../auth/user-profile.ts";
import type { TProfile, TUpdateProfileRequest } from "./users.schemas.ts";

export class UsersService {
  constructor(private readonly db: Kysely<Database>) {}

  async profile(caller: AuthUser, db: Kysely<Database> = this.db): Promise<TProfile> {
    const user = await profileRow(db, caller.id);
    if (!user) throw notFound("Your account no longer exists.");
    const addresses = await db
      .selectFrom("user_addresses")
      .select(["id", "label", "line1", "line2", "city", "postal_code", "notes", "lat", "lng"])
      .where("user_id", "=", caller.id)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return {
      ...toPublicUser(user),
      locale: user.locale,
      defaultAddressId: user.default_address_id,
      addresses: addresses.map((a) => ({
        id: a.id,
        label: a.label,
        line1: a.line1,
        line2: a.line2,
        city: a.city,
        postalCode: a.postal_code,
        notes: a.notes,
        lat: a.lat,
        lng: a.lng,
        isDefault: a.id === user.default_address_id,
      })),
    };
  }

  async updateProfile(caller: AuthUser, input: TUpdateProfileRequest): Promise<TProfile> {
    return this.db.transaction().execute(async (trx) => {
      const patch: ProfilePatch = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.locale !== undefined) patch.locale = input.locale;

      if (input.addresses !== undefined) {
        const existing = await trx
          .selectFrom("user_addresses")
          .select("id")
          .where("user_id", "=", caller.id)
          .execute();
        const mine = new Set(existing.map((a) => a.id));
        const kept = new Set<string>();
        let defaultId: string | null = null;
        for (const a of input.addresses) {
          const values = {
            label: a.label,
            line1: a.line1,
            line2: a.line2 ?? null,
            city: a.city,
            postal_code: a.postalCode ?? null,
            notes: a.notes ?? null,
            lat: a.lat,
            lng: a.lng,
          };
          let id: string;
          if (a.id !== undefined) {
            if (!mine.has(a.id))
              throw badRequest("One of the addresses is not one of yours.", { field: "addresses" });
            await trx.updateTable("user_addresses").set(values).where("id", "=", a.id).execute();
            id = a.id;
          } else {
            id = (
              await trx
                .insertInto("user_addresses")
                .values({ ...values, user_id: caller.id })
                .returning("id")
                .executeTakeFirstOrThrow()
            ).id;
          }
          kept.add(id);
          if (a.isDefault) defaultId = id;
        }
        const removed = [...mine].filter((id) => !kept.has(id));
        // The default is cleared first so deleting the old default cannot trip its foreign key.
        patch.default_address_id = defaultId ?? (input.addresses.length > 0 ? [...kept][0]! : null);
        await updateProfileColumns(trx, caller.id, { default_address_id: null });
        if (removed.length > 0) await trx.deleteFrom("user_addresses").where("id", "in", removed).execute();
      }
      await updateProfileColumns(trx, caller.id, patch);
      return this.profile(caller, trx);
    });
  }
}
