// CSV as RFC 4180 writes it (the earnings export): fields holding a comma, a quote or a line break are
// quoted with their quotes doubled; rows end in CRLF. A text beginning with = + - @ (or a tab / CR) gets a
// leading apostrophe so a spreadsheet shows it instead of running it as a formula; numbers stay numbers.

export type CsvValue = string | number | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => `${r.map(csvField).join(",")}\r\n`).join("");
}
