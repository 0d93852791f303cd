// Issue 22: every admin change to the menu is a row of `menu_changes` (who, when, which entity, what it
// was before and after, as JSON), written in the change's own transaction, so the history can never miss
// a change that committed nor show one that did not. A price or availability change is its entity's.
import type { Database, Kysely, MenuChangeEntity } from "@pizza/db";
import { userNames } from "../auth/user-profile.ts";
import type { TMenuChange } from "./menu-admin.schemas.ts";

export interface MenuChange {
  /** A price or availability change is its entity's; a cheese level has only prices. */
  entity: MenuChangeEntity;
  entityId: string;
  action: string;
  regionCode?: string | undefined;
  by: string;
  before: unknown;
  after: unknown;
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

export async function recordMenuChange(trx: Kysely<Database>, change: MenuChange): Promise<void> {
  await trx
    .insertInto("menu_changes")
    .values({
      entity: change.entity,
      entity_id: change.entityId,
      action: change.action,
      region_code: change.regionCode ?? null,
      changed_by: change.by,
      before: json(change.before),
      after: json(change.after),
    })
    .execute();
}

/** An entity's changes, newest first (at most 200), with the name of who made each. */
export async function menuHistory(
  db: Kysely<Database>,
  entity: MenuChange["entity"],
  entityId: string,
): Promise<TMenuChange[]> {
  const rows = await db
    .selectFrom("menu_changes")
    .select(["id", "action", "region_code", "changed_by", "changed_at", "before", "after"])
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .orderBy("changed_at", "desc")
    .orderBy("id")
    .limit(200)
    .execute();
  const names = await userNames(db, [...new Set(rows.map((r) => r.changed_by))]);
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    regionCode: r.region_code,
    changedBy: r.changed_by,
    changedByName: names.get(r.changed_by) ?? null,
    changedAt: new Date(r.changed_at).toISOString(),
    before: r.before,
    after: r.after,
  }));
}
