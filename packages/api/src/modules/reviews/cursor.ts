import { badRequest } from "../../errors.ts";

/** Keyset cursors for review listings: base64url JSON of the last row's sort key. */
export interface Cursor {
  c: string;
  id: string;
  h?: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(raw: string, sort: "newest" | "helpful"): Cursor {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (
      typeof value.c === "string" &&
      !Number.isNaN(Date.parse(value.c)) &&
      typeof value.id === "string" &&
      uuid.test(value.id) &&
      (sort === "newest" || (typeof value.h === "number" && Number.isInteger(value.h)))
    ) {
      return value as Cursor;
    }
  } catch {
    // fall through to the readable error
  }
  throw badRequest("That page of reviews is no longer available; start from the first page.", {
    field: "cursor",
  });
}
