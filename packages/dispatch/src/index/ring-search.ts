import { edgeLength, gridRing, latLngToCell, originToDirectedEdges } from "h3-js";
import type { LatLng } from "../geo.ts";
import { haversineM } from "../geo.ts";

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

export interface RingCandidate<P extends LatLng> {
  id: string;
  distanceM: number;
  position: P;
}

/**
 * k nearest by growing H3 rings around the query cell; `keep` filters members (freshness, exclusions).
 * Stops when the next ring cannot hold anything
 * nearer than the current k-th best, or lies beyond the radius.
 */
export function ringSearch<P extends LatLng>(
  point: LatLng,
  radiusM: number,
  limit: number,
  resolution: number,
  buckets: ReadonlyMap<string, ReadonlyMap<string, P>>,
  keep: (id: string, p: P) => boolean,
): RingCandidate<P>[] {
  const best: RingCandidate<P>[] = [];
  const consider = (id: string, p: P) => {
    if (!keep(id, p)) return;
    const d = haversineM(point, p);
    if (d > radiusM) return;
    if (best.length === limit && d >= best[limit - 1]!.distanceM) return;
    let i = best.length;
    while (i > 0 && best[i - 1]!.distanceM > d) i--;
    best.splice(i, 0, { id, distanceM: d, position: p });
    if (best.length > limit) best.pop();
  };
  if (limit <= 0) return best;
  const origin = latLngToCell(point.lat, point.lng, resolution);
  const edge = minEdgeM(origin);
  // Past this many rings, a scan of every bucket is cheaper than walking mostly empty rings.
  const maxRings = Math.max(2, Math.ceil(Math.sqrt(buckets.size)) + 2);
  for (let k = 0; ; k++) {
    if (k > maxRings) {
      // Fall back to scanning every bucket (sparse fleet or huge radius).
      best.length = 0;
      for (const members of buckets.values()) for (const [id, p] of members) consider(id, p);
      return best;
    }
    const cells = k === 0 ? [origin] : gridRing(origin, k);
    for (const cell of cells) {
      const members = buckets.get(cell);
      if (members) for (const [id, p] of members) consider(id, p);
    }
    const bound = ringBoundM(edge, k);
    if (bound > radiusM) return best;
    if (best.length === limit && best[limit - 1]!.distanceM <= bound) return best;
  }
}
