// What PostgreSQL's errors mean, for any module (SQLSTATE codes: https://www.postgresql.org/docs/current/errcodes-appendix.html).

/** A unique violation (23505) of the constraint or index whose name, detail or message mentions `hint`. */
export function isUniqueViolation(error: unknown, hint: string): boolean {
  const e = error as { code?: string; constraint?: string; detail?: string; message?: string };
  if (e?.code !== "23505") return false;
  return [e.constraint, e.detail, e.message].some((s) => typeof s === "string" && s.includes(hint));
}

/** A foreign key violation (23503) of the constraint whose name, detail or message mentions `hint`. */
export function isForeignKeyViolation(error: unknown, hint: string): boolean {
  const e = error as { code?: string; constraint?: string; detail?: string; message?: string };
  if (e?.code !== "23503") return false;
  return [e.constraint, e.detail, e.message].some((s) => typeof s === "string" && s.includes(hint));
}
