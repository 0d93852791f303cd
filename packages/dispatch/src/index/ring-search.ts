import { edgeLength, gridRing, latLngToCell, originToDirectedEdges } from "h3-js";
import type { LatLng } from "../geo.ts";
import { haversineM } from "../geo.ts";
import { SEARCH_CELL_RESOLUTION } from "./driver-index.ts";

/**
 * Shortest edge around a cell, cached: the ring search's distance bound is built from it. H3 cell sizes
 * vary smoothly, so the origin cell's shortest edge (with a safety factor) stands for its neighbours'.
 */
const edgeCache = new Map<string, number>();
function minEdgeM(cell: string): number {
  let e = edgeCache.get(cell);
  if (e === undefined) {
    e = Math.min(...originToDirectedEdges(cell).map((edge) => edgeLength(edge, "m")));
    if (edgeCache.size > 50_000) edgeCache.clear();
    edgeCache.set(cell, e);
  }
  return e;
}

/**
 * Lower bound of the distance from a point in `origin` to any point outside gridDisk(origin, k).
 * In a hex grid with edge e the k-disk's boundary is at least (1.5k + 0.5)·e from the origin's centre
 * (its closest points are the notches between ring-k cells); the query point may be up to e off-centre.
 * 0.8 absorbs H3's size distortion between neighbouring cells (and pentagons).
 */
function ringBoundM(edgeM: number, k: number): number {
  return Math.max(0, (1.5 * k - 0.5) * edgeM * 0.8);
}

export interface RingCandidate {
  id: string;
  distanceM: number;
}

/**
 * k nearest by growing H3 rings around the query cell, visiting each bucket's members through `visit`,
 * which returns the member's position or null to skip it. Stops when the next ring cannot hold anything
 * nearer than the current k-th best, or lies beyond the radius.
 */
export function ringSearch(
  point: LatLng,
  radiusM: number,
  limit: number,
  buckets: ReadonlyMap<string, ReadonlySet<string>>,
  position: (id: string) => LatLng | null,
): RingCandidate[] {
  const best: RingCandidate[] = [];
  const consider = (id: string) => {
    const p = position(id);
    if (!p) return;
    const d = haversineM(point, p);
    if (d > radiusM) return;
    if (best.length === limit && d >= best[limit - 1]!.distanceM) return;
    let i = best.length;
    while (i > 0 && best[i - 1]!.distanceM > d) i--;
    best.splice(i, 0, { id, distanceM: d });
    if (best.length > limit) best.pop();
  };
  if (limit <= 0) return best;
  const origin = latLngToCell(point.lat, point.lng, SEARCH_CELL_RESOLUTION);
  const edge = minEdgeM(origin);
  // Past this many rings, a scan of every bucket is cheaper than walking mostly empty rings.
  const maxRings = Math.max(2, Math.ceil(Math.sqrt(buckets.size)) + 2);
  for (let k = 0; ; k++) {
    if (k > maxRings) {
      // Fall back to scanning every bucket (sparse fleet or huge radius).
      best.length = 0;
      for (const members of buckets.values()) for (const id of members) consider(id);
      return best;
    }
    const cells = k === 0 ? [origin] : gridRing(origin, k);
    for (const cell of cells) {
      const members = buckets.get(cell);
      if (members) for (const id of members) consider(id);
    }
    const bound = ringBoundM(edge, k);
    if (bound > radiusM) return best;
    if (best.length === limit && best[limit - 1]!.distanceM <= bound) return best;
  }
}
