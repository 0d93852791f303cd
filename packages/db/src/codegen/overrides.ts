// kysely-codegen takes a column override as written: it adds neither `| null` nor `Generated<...>`. So a
// column that becomes nullable or gains a default would keep its old type silently; this check refuses
// an override that no longer matches its column, or names a column that is gone.

/** What the check needs to know about a column (kysely-codegen's ColumnMetadata has these fields). */
export interface ColumnFacts {
  name: string;
  isNullable: boolean;
  hasDefaultValue: boolean;
  isAutoIncrementing: boolean;
}

export interface TableFacts {
  name: string;
  schema?: string | undefined;
  columns: ColumnFacts[];
}

/** One line per override that disagrees with the database; empty when all agree. */
export function overrideProblems(tables: TableFacts[], overrides: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [path, type] of Object.entries(overrides)) {
    const [tableName, columnName] = path.split(".");
    const table = tables.find((t) => t.name === tableName && (t.schema ?? "public") === "public");
    const column = table?.columns.find((c) => c.name === columnName);
    if (!column) {
      problems.push(`${path}: no such column; remove its override`);
      continue;
    }
    // `Generated<T | null>` is how a nullable column with a default reads.
    const generated = /^Generated<(.*)>$/.exec(type.trim());
    const saysGenerated = generated !== null;
    const saysNullable = /\|\s*null$/.test((generated?.[1] ?? type).trim());
    if (column.isNullable !== saysNullable) {
      const want = column.isNullable ? "add" : "remove";
      problems.push(`${path} is ${column.isNullable ? "" : "not "}nullable: ${want} "| null" in "${type}"`);
    }
    const hasDefault = column.hasDefaultValue || column.isAutoIncrementing;
    if (hasDefault !== saysGenerated) {
      const want = hasDefault ? "wrap it in Generated<...>" : "drop Generated<...>";
      problems.push(`${path} ${hasDefault ? "has" : "has no"} default: ${want} in "${type}"`);
    }
  }
  return problems;
}
