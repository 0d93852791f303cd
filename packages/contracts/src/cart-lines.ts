// Identical cart lines are one line (issue 16, finding 5): the customer's cart and the server's quote merge
// them by the same rule, so the quote's lines stay in the cart's order, one for one.

/** The most of one line the cart and the API take (`ZCartLine.quantity`). */
export const MAX_LINE_QUANTITY = 20;

/** A line's identity: everything but its quantity, with object keys in a fixed order. */
export function cartLineKey(line: { itemId: string; quantity?: number | undefined }): string {
  const { quantity: _, ...rest } = line;
  return JSON.stringify(rest, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

/**
 * Merges lines with the same identity into the first of them, adding up their quantities (a missing
 * quantity is 1). `cap` limits a merged line's quantity (the customer's cart caps at MAX_LINE_QUANTITY).
 */
export function mergeCartLines<T>(
  lines: readonly T[],
  lineOf: (x: T) => { itemId: string; quantity?: number | undefined },
  withQuantity: (x: T, quantity: number) => T,
  cap = Number.POSITIVE_INFINITY,
): T[] {
  const out: T[] = [];
  const at = new Map<string, number>();
  for (const x of lines) {
    const key = cartLineKey(lineOf(x));
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push(x);
    } else {
      const sum = (lineOf(out[i]!).quantity ?? 1) + (lineOf(x).quantity ?? 1);
      out[i] = withQuantity(out[i]!, Math.min(cap, sum));
    }
  }
  return out;
}
