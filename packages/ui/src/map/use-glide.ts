import { useEffect, useRef, useState } from "react";
import { boundsOf, ease, lerp } from "./geometry.ts";
import type { Bounds, LngLat, MapMarker } from "./types.ts";

/**
 * The markers with moving ones (same id, new position) interpolated over `glideMs`, so a driver whose
 * position arrives every few seconds glides along instead of jumping.
 */
export function useGlidingMarkers(markers: readonly MapMarker[], glideMs: number): MapMarker[] {
  const shown = useRef(new Map<string, LngLat>());
  const [frame, setFrame] = useState<MapMarker[]>(() => [...markers]);

  // Callers often pass a new array each render: restart the glide only when positions really change.
  const key = JSON.stringify(markers);
  const latest = useRef(markers);
  latest.current = markers;

  useEffect(() => {
    void key;
    const markers = latest.current;
    const from = new Map(shown.current);
    const start = performance.now();
    let raf = 0;
    const moving = markers.some((m) => {
      const f = from.get(m.id);
      return f && (f.lng !== m.position.lng || f.lat !== m.position.lat);
    });
    const step = (now: number) => {
      const t = glideMs <= 0 || !moving ? 1 : Math.min(1, (now - start) / glideMs);
      const k = ease(t);
      const next = markers.map((m) => {
        const f = from.get(m.id);
        const position = f ? lerp(f, m.position, k) : m.position;
        shown.current.set(m.id, position);
        return { ...m, position };
      });
      for (const id of [...shown.current.keys()])
        if (!markers.some((m) => m.id === id)) shown.current.delete(id);
      setFrame(next);
      if (t < 1) raf = requestAnimationFrame(step);
    };
    raf = requestAnimationFrame(step);
    return () => cancelAnimationFrame(raf);
  }, [key, glideMs]);

  return frame;
}

/**
 * The area to show: the zones and every marker. It changes when the still markers change, or when a
 * moving one (the driver) leaves it — not on every step, so the map does not wobble as the driver moves.
 */
export function useFrame(rings: readonly [number, number][][], markers: readonly MapMarker[]): Bounds | null {
  const [frame, setFrame] = useState<Bounds | null>(null);
  const frameKey = useRef("");
  const stillKey = JSON.stringify(markers.filter((m) => m.kind !== "driver").map((m) => m.position));
  const movingKey = JSON.stringify(markers.filter((m) => m.kind === "driver").map((m) => m.position));
  useEffect(() => {
    const still = JSON.parse(stillKey) as LngLat[];
    const moving = JSON.parse(movingKey) as LngLat[];
    const key = `${stillKey}|${rings.length}`;
    setFrame((current) => {
      const inside = (p: LngLat, b: Bounds) =>
        p.lng >= b.west && p.lng <= b.east && p.lat >= b.south && p.lat <= b.north;
      if (current && frameKey.current === key && moving.every((p) => inside(p, current))) return current;
      frameKey.current = key;
      const b = boundsOf(rings, [...still, ...moving]);
      if (!b || moving.length === 0) return b;
      // Room around a moving marker, so it does not leave the frame at its next step.
      const dx = (b.east - b.west) * 0.15;
      const dy = (b.north - b.south) * 0.15;
      return { west: b.west - dx, east: b.east + dx, south: b.south - dy, north: b.north + dy };
    });
  }, [rings, stillKey, movingKey]);
  return frame;
}
