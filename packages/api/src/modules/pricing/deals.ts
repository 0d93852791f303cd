// Deals and combos (issue 22): set-price offers such as "any 2 medium pizzas for 18.00" or "a large pizza +
// two sides + a drink for 24.00", applied by the server to whatever the cart holds. Pure, like the rest of
// pricing: the same lines and deals always give the same answer, in the quote, in placeOrder and in an
// order's edit (pricing.ts `priceCart` is their one caller). Rules (documented in pricing/README.md):
// - a deal applies to units of the cart's lines (a line of 3 is 3 units), each unit in at most one deal;
//   a deal may apply several times; it applies only where it saves something (price < the units' sum);
// - the set chosen is the one with the largest total saving the search finds; ties go to the earlier
//   deal (by id), so the choice is deterministic;
// - the loyalty reward and the promo code come after, on the units no deal took (pricing.ts).
import type { MenuKind } from "@pizza/db";
import type { PricedLine } from "./pricing.ts";

export interface DealSlotRule {
  kind: MenuKind;
  /** The size (pizzas) or variant the slot takes; null: any. */
  variant: string | null;
  /** The one item the slot takes; null: any item of the kind. */
  itemId: string | null;
  quantity: number;
}

export interface DealRule {
  id: string;
  name: string;
  /** The set price in the region's minor unit. */
  price: number;
  slots: readonly DealSlotRule[];
}

/** One deal as applied to the cart: how many times, and what it took off the units' regular prices. */
export interface AppliedDeal {
  id: string;
  name: string;
  times: number;
  price: number;
  saving: number;
}

export interface DealOutcome {
  applied: AppliedDeal[];
  /** Σ of the applied deals' savings: never negative, never more than the lines' sum. */
  saving: number;
  /** The units no deal took, as lines (what a reward or promo code may still look at). */
  rest: PricedLine[];
}

/** States the search may look at before it settles for the repeated single deals (a cart of ~20 units
 * with a handful of deals needs far fewer; the cap only bounds a pathological cart's CPU time). */
const SEARCH_BUDGET = 20_000;

interface UnitClass {
  line: PricedLine;
  count: number;
}

interface Plan {
  saving: number;
  /** Applied deals in order (ids and savings), one entry per application. */
  picks: { index: number; saving: number }[];
}

export function slotAccepts(slot: DealSlotRule, line: Pick<PricedLine, "kind" | "variant" | "itemId">) {
  if (line.kind !== slot.kind) return false;
  if (slot.variant !== null && line.variant !== slot.variant) return false;
  return slot.itemId === null || line.itemId === slot.itemId;
}

/** The best non-overlapping set of deals the lines satisfy (see the rules at the top). */
export function bestDeals(deals: readonly DealRule[], lines: readonly PricedLine[]): DealOutcome {
  const classes = unitClasses(lines);
  const ordered = [...deals]
    .filter((d) => d.slots.length > 0 && d.price >= 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((d) => ({ ...d, slots: bySpecificity(d.slots) }));
  const start = classes.map((c) => c.count);
  const search = new Search(ordered, classes);
  let plan = search.best(start);
  // However the search went, the answer is never worse than any one deal applied as often as it fits.
  for (let i = 0; i < ordered.length; i++) {
    const single = search.repeat(i, start);
    if (single.saving > plan.saving) plan = single;
  }
  return outcome(ordered, classes, plan);
}

/** The cart's units grouped by what pricing and the slots look at, most expensive first. */
function unitClasses(lines: readonly PricedLine[]): UnitClass[] {
  const byKey = new Map<string, UnitClass>();
  for (const l of lines) {
    if (l.quantity <= 0) continue;
    const key = JSON.stringify([l.itemId, l.kind, l.variant, l.unitPrice, l.taxCategory ?? null]);
    const known = byKey.get(key);
    if (known) known.count += l.quantity;
    else byKey.set(key, { line: { ...l, quantity: 0 }, count: l.quantity });
  }
  return [...byKey.values()].sort(
    (a, b) =>
      b.line.unitPrice - a.line.unitPrice ||
      cmp(a.line.itemId, b.line.itemId) ||
      cmp(a.line.variant, b.line.variant) ||
      cmp(a.line.taxCategory ?? "", b.line.taxCategory ?? ""),
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A slot for one item before a slot for a size before a slot for any of the kind: the narrow slot gets
 * its units before a wide one takes them. */
function bySpecificity(slots: readonly DealSlotRule[]): DealSlotRule[] {
  const rank = (s: DealSlotRule) => (s.itemId !== null ? 0 : s.variant !== null ? 1 : 2);
  return slots
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map((x) => x.s);
}

class Search {
  private readonly memo = new Map<string, Plan>();
  private visited = 0;

  constructor(
    private readonly deals: readonly DealRule[],
    private readonly classes: readonly UnitClass[],
  ) {}

  /** The deal applied once to the remaining units, the most expensive that fit each slot; null: it does
   * not fit or saves nothing. */
  apply(index: number, counts: readonly number[]): { counts: number[]; saving: number } | null {
    const deal = this.deals[index]!;
    const left = [...counts];
    let regular = 0;
    for (const slot of deal.slots) {
      let need = slot.quantity;
      for (let c = 0; c < left.length && need > 0; c++) {
        if (left[c]! === 0 || !slotAccepts(slot, this.classes[c]!.line)) continue;
        const take = Math.min(need, left[c]!);
        left[c] = left[c]! - take;
        need -= take;
        regular += take * this.classes[c]!.line.unitPrice;
      }
      if (need > 0) return null;
    }
    const saving = regular - deal.price;
    return saving > 0 ? { counts: left, saving } : null;
  }

  /** Every order of applications from these units (memoised on what is left); the first best wins ties. */
  best(counts: readonly number[]): Plan {
    const key = counts.join(",");
    const known = this.memo.get(key);
    if (known) return known;
    if (++this.visited > SEARCH_BUDGET) return { saving: 0, picks: [] };
    let plan: Plan = { saving: 0, picks: [] };
    for (let i = 0; i < this.deals.length; i++) {
      const step = this.apply(i, counts);
      if (!step) continue;
      const rest = this.best(step.counts);
      if (step.saving + rest.saving > plan.saving)
        plan = {
          saving: step.saving + rest.saving,
          picks: [{ index: i, saving: step.saving }, ...rest.picks],
        };
    }
    this.memo.set(key, plan);
    return plan;
  }

  /** One deal applied as many times as it fits. */
  repeat(index: number, counts: readonly number[]): Plan {
    const plan: Plan = { saving: 0, picks: [] };
    let left = counts;
    for (let step = this.apply(index, left); step; step = this.apply(index, left)) {
      plan.saving += step.saving;
      plan.picks.push({ index, saving: step.saving });
      left = step.counts;
    }
    return plan;
  }
}

/** The plan as deal lines (in the deals' order) and the units it left. */
function outcome(deals: readonly DealRule[], classes: readonly UnitClass[], plan: Plan): DealOutcome {
  const search = new Search(deals, classes);
  let counts = classes.map((c) => c.count);
  const byDeal = new Map<number, AppliedDeal>();
  for (const pick of plan.picks) {
    counts = search.apply(pick.index, counts)!.counts;
    const d = deals[pick.index]!;
    const line = byDeal.get(pick.index) ?? { id: d.id, name: d.name, times: 0, price: d.price, saving: 0 };
    line.times += 1;
    line.saving += pick.saving;
    byDeal.set(pick.index, line);
  }
  const applied = [...byDeal.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
  const rest = classes.map((c, i) => ({ ...c.line, quantity: counts[i]! })).filter((l) => l.quantity > 0);
  return { applied, saving: plan.saving, rest };
}
