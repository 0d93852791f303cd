// Points along a street: where a house number lies (interpolated between numbered points), and which
// point of a street is nearest to a pin (with the house number there). Distances within a city are
// small, so each street is flattened around its own latitude (equirectangular) for the projection and
// measured with the haversine for the answer.
import { haversineM, type LatLng } from "@pizza/contracts";
import type { StreetPoint } from "./gazetteer-data.ts";

const RAD = Math.PI / 180;
const M_PER_DEG = 111_195;

/** Metres east and north of `origin` (good to a few metres over a few kilometres). */
function flat(p: LatLng, origin: LatLng): [number, number] {
  return [(p.lng - origin.lng) * M_PER_DEG * Math.cos(origin.lat * RAD), (p.lat - origin.lat) * M_PER_DEG];
}

const at = (p: StreetPoint): LatLng => ({ lat: p[0], lng: p[1] });
const lerp = (a: StreetPoint, b: StreetPoint, t: number): LatLng => ({
  lat: a[0] + (b[0] - a[0]) * t,
  lng: a[1] + (b[1] - a[1]) * t,
});

/** The highest number on the first side, and the last on the way back for horseshoe streets. */
export function numberRange(
  line: StreetPoint[],
  horseshoe = false,
): { from: number; to: number } | undefined {
  if (line.length < 2 || line.some((p) => p[2] === undefined)) return undefined;
  const first = line[0]![2]!;
  const turn = line[line.length - 1]![2]!;
  return { from: first, to: horseshoe ? 2 * turn - first + 1 : turn };
}

/**
 * Where house `n` is: between the numbered points around it, in proportion. On a horseshoe street a
 * number past the turn lies opposite the number as far from the turn on the first side.
 */
export function pointOfNumber(line: StreetPoint[], n: number, horseshoe = false): LatLng | undefined {
  const range = numberRange(line, horseshoe);
  if (!range || n < range.from || n > range.to) return undefined;
  const turn = line[line.length - 1]![2]!;
  const k = horseshoe && n > turn ? 2 * turn - n + 1 : n;
  for (let i = 0; i < line.length - 1; i++) {
    const a = line[i]!;
    const b = line[i + 1]!;
    const lo = a[2]!;
    const hi = b[2]!;
    if (k >= Math.min(lo, hi) && k <= Math.max(lo, hi))
      return lerp(a, b, hi === lo ? 0 : (k - lo) / (hi - lo));
  }
  return undefined;
}

/** The point halfway along the street (by length): where a street without a number is shown. */
export function middleOf(line: StreetPoint[]): LatLng {
  const lengths = line.slice(1).map((p, i) => haversineM(at(line[i]!), at(p)));
  let left = lengths.reduce((s, l) => s + l, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    if (left <= lengths[i]!) return lerp(line[i]!, line[i + 1]!, lengths[i] ? left / lengths[i]! : 0);
    left -= lengths[i]!;
  }
  return at(line[0]!);
}

export interface NearestOnStreet {
  point: LatLng;
  distanceM: number;
  /** The (first-side) house number at that point, on numbered streets. */
  houseNumber?: number;
}

/** The point of the street nearest to `p`, its distance, and the house number there when numbered. */
export function nearestOnStreet(line: StreetPoint[], p: LatLng): NearestOnStreet {
  let best: NearestOnStreet | undefined;
  for (let i = 0; i < line.length - 1; i++) {
    const a = line[i]!;
    const b = line[i + 1]!;
    const [bx, by] = flat(at(b), at(a));
    const [px, py] = flat(p, at(a));
    const len2 = bx * bx + by * by;
    const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, (px * bx + py * by) / len2));
    const point = lerp(a, b, t);
    const distanceM = haversineM(point, p);
    if (!best || distanceM < best.distanceM) {
      const numbered = a[2] !== undefined && b[2] !== undefined;
      best = {
        point,
        distanceM,
        ...(numbered ? { houseNumber: Math.max(1, Math.round(a[2]! + (b[2]! - a[2]!) * t)) } : {}),
      };
    }
  }
  return best ?? { point: at(line[0]!), distanceM: haversineM(at(line[0]!), p) };
}
