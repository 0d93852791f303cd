import { useEffect, useState } from "react";
import type { Bounds, LngLat, MapMarker } from "./types.ts";

/** Hexagon rings as [lng, lat] pairs, closed. h3-js is loaded lazily (it is large). */
export async function hexagonRings(cells: readonly string[]): Promise<[number, number][][]> {
  if (cells.length === 0) return [];
  const { cellToBoundary, isValidCell } = await import("h3-js");
  const rings: [number, number][][] = [];
  for (const cell of cells) {
    if (!isValidCell(cell)) continue;
    const ring = cellToBoundary(cell, true) as [number, number][];
    rings.push(ring);
  }
  return rings;
}

/** The cells' hexagons, recomputed only when the set of cells changes (h3-js loads on first use). */
export function useHexagonRings(cells: readonly string[]): [number, number][][] {
  const [rings, setRings] = useState<[number, number][][]>([]);
  const cellsKey = cells.join(",");
  useEffect(() => {
    let live = true;
    void hexagonRings(cellsKey ? cellsKey.split(",") : []).then((r) => live && setRings(r));
    return () => {
      live = false;
    };
  }, [cellsKey]);
  return rings;
}

export function boundsOf(rings: readonly [number, number][][], points: readonly LngLat[]): Bounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const add = (lng: number, lat: number) => {
    west = Math.min(west, lng);
    east = Math.max(east, lng);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  };
  for (const ring of rings) for (const [lng, lat] of ring) add(lng, lat);
  for (const p of points) add(p.lng, p.lat);
  if (!Number.isFinite(west)) return null;
  // A single point (or a tiny box) still needs an area to show.
  const minSpan = 0.004;
  if (east - west < minSpan) {
    const c = (east + west) / 2;
    west = c - minSpan / 2;
    east = c + minSpan / 2;
  }
  if (north - south < minSpan) {
    const c = (north + south) / 2;
    south = c - minSpan / 2;
    north = c + minSpan / 2;
  }
  return { west, south, east, north };
}

export const lerp = (a: LngLat, b: LngLat, t: number): LngLat => ({
  lng: a.lng + (b.lng - a.lng) * t,
  lat: a.lat + (b.lat - a.lat) * t,
});

/** Ease in-out so a driver glides rather than jumps between reported positions. */
export const ease = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

/** True when this browser can create a WebGL context (MapLibre needs one). */
export function hasWebGL(): boolean {
  try {
    const canvas = document.createElement("canvas");
    return Boolean(canvas.getContext("webgl2") ?? canvas.getContext("webgl"));
  } catch {
    return false;
  }
}

/** Letters, not emoji: every system font has them (headless browsers often have no emoji font). */
export const MARKER_STYLE: Record<MapMarker["kind"], { color: string; glyph: string }> = {
  store: { color: "#b3261e", glyph: "S" },
  driver: { color: "#1d4ed8", glyph: "D" },
  destination: { color: "#15803d", glyph: "H" },
  pin: { color: "#7c2d12", glyph: "P" },
};

/** JSON of the positions that frame the map: every marker but the driver (or all, when only a driver). */
export function stillPoints(markers: readonly MapMarker[]): string {
  const still = markers.filter((m) => m.kind !== "driver");
  return JSON.stringify((still.length > 0 ? still : markers.slice(0, 1)).map((m) => m.position));
}
