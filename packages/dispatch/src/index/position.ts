import { latLngToCell } from "h3-js";
import type { Clock } from "../clock.ts";
import { isValidLatLng } from "../geo.ts";
import {
  DRIVER_CELL_RESOLUTION,
  type PositionUpdate,
  type RefusalReason,
  type StoredPosition,
} from "./driver-index.ts";

/** Options both adapters take. */
export interface DriverIndexOptions {
  clock?: Clock;
  /** A driver whose last position is older than this is not offered work. Default 60 s. */
  staleAfterMs?: number;
  /** How far ahead of the server clock a device timestamp may be. Default 30 s. */
  maxClockSkewMs?: number;
  /** 1 = batching off (default): a driver with a delivery gets no further offers. */
  maxDeliveriesPerDriver?: number;
}

export const DEFAULT_STALE_AFTER_MS = 60_000;
export const DEFAULT_MAX_CLOCK_SKEW_MS = 30_000;

/** Refusals decided before touching the store; staleness needs the last accepted timestamp. */
export function precheck(pos: PositionUpdate, now: number, maxSkewMs: number): RefusalReason | null {
  if (typeof pos !== "object" || pos === null || !isValidLatLng(pos)) return "invalid";
  if (typeof pos.ts !== "number" || !Number.isFinite(pos.ts) || pos.ts <= 0) return "invalid";
  for (const v of [pos.heading, pos.speed, pos.accuracy]) {
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) return "invalid";
  }
  if (pos.ts > now + maxSkewMs) return "future";
  return null;
}

export function toStored(pos: PositionUpdate, receivedAt: number): StoredPosition {
  const stored: StoredPosition = {
    lat: pos.lat,
    lng: pos.lng,
    ts: pos.ts,
    cell: latLngToCell(pos.lat, pos.lng, DRIVER_CELL_RESOLUTION),
    receivedAt,
  };
  if (pos.heading !== undefined) stored.heading = pos.heading;
  if (pos.speed !== undefined) stored.speed = pos.speed;
  if (pos.accuracy !== undefined) stored.accuracy = pos.accuracy;
  return stored;
}
