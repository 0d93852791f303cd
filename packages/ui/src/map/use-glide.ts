import { useEffect, useRef, useState } from "react";
import { ease, lerp } from "./geometry.ts";
import type { LngLat, MapMarker } from "./types.ts";

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
