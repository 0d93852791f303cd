// Whether a region takes tips. Tipping is not customary in Japan (a tip is often refused or taken as
// odd), so the Tokyo region offers none and the server refuses one. A region setting kept in code: the
// regions table has no column for it and the seed's three regions are the whole chain.

/** Region codes (regions.code) where customers are not offered a tip and a tip is refused. */
const REGIONS_WITHOUT_TIPS: ReadonlySet<string> = new Set(["jp"]);

/** True when customers in `regionCode` may add a tip. */
export function regionTakesTips(regionCode: string): boolean {
  return !REGIONS_WITHOUT_TIPS.has(regionCode);
}
