import type { BasemapStreet } from "./types.ts";

/** Where a street's name goes on screen: its middle, along the street, never upside down. */
export interface StreetLabel {
  id: string;
  name: string;
  x: number;
  y: number;
  /** Degrees clockwise, within -90..90 so the text reads left to right. */
  angle: number;
}

type Project = (lng: number, lat: number) => [x: number, y: number];

/** Screen pixels between two label anchors below which the later label is left out. */
const MIN_GAP = 48;
/** A street shorter than this on screen gets no name: it would not fit. */
const MIN_LENGTH = 70;

/**
 * One label per street that is long enough on screen, at the middle of its course, skipping labels
 * that would sit on one already placed (first come first served: the API lists main streets first).
 */
export function placeStreetLabels(streets: readonly BasemapStreet[], project: Project): StreetLabel[] {
  const placed: StreetLabel[] = [];
  for (const street of streets) {
    const points = street.line.map(([lng, lat]) => project(lng, lat));
    const segments = points.slice(1).map((p, i) => {
      const q = points[i]!;
      return { from: q, to: p, length: Math.hypot(p[0] - q[0], p[1] - q[1]) };
    });
    const total = segments.reduce((sum, s) => sum + s.length, 0);
    if (total < MIN_LENGTH) continue;
    // The segment holding the middle of the course, and how far along it the middle is.
    let before = 0;
    let segment = segments[0]!;
    for (const s of segments) {
      segment = s;
      if (before + s.length >= total / 2) break;
      before += s.length;
    }
    const t = segment.length === 0 ? 0 : (total / 2 - before) / segment.length;
    const x = segment.from[0] + (segment.to[0] - segment.from[0]) * t;
    const y = segment.from[1] + (segment.to[1] - segment.from[1]) * t;
    if (placed.some((l) => Math.hypot(l.x - x, l.y - y) < MIN_GAP)) continue;
    let angle =
      (Math.atan2(segment.to[1] - segment.from[1], segment.to[0] - segment.from[0]) * 180) / Math.PI;
    if (angle > 90) angle -= 180;
    if (angle < -90) angle += 180;
    placed.push({ id: street.id, name: street.name, x, y, angle });
  }
  return placed;
}

/** A landmark's name to the right of its dot. */
export interface LandmarkLabel {
  id: string;
  name: string;
  x: number;
  y: number;
}

/** Rough size of a 10 px label: enough to keep names from printing over each other. */
const CHAR_W = 6;
const LINE_H = 13;

/**
 * Landmarks whose names do not collide with a name already placed (street names count as a box around
 * their anchor). In a crowded district the first listed win; zooming in brings the rest back.
 */
export function placeLandmarkLabels(
  landmarks: readonly { id: string; name: string; lng: number; lat: number }[],
  project: Project,
  streets: readonly StreetLabel[] = [],
): LandmarkLabel[] {
  type Box = [x0: number, y0: number, x1: number, y1: number];
  const boxes: Box[] = streets.map((s) => [s.x - 30, s.y - 8, s.x + 30, s.y + 8]);
  const hit = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  const placed: LandmarkLabel[] = [];
  for (const l of landmarks) {
    const [x, y] = project(l.lng, l.lat);
    const box: Box = [x - 4, y - LINE_H / 2, x + 10 + CHAR_W * l.name.length, y + LINE_H / 2];
    if (boxes.some((b) => hit(b, box))) continue;
    boxes.push(box);
    placed.push({ id: l.id, name: l.name, x, y });
  }
  return placed;
}
