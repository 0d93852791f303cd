// A drill is a platform shape, one fault injected into it, and (optionally) figures of its own.
import type { DrillLine } from "../under-traffic.ts";
import type { PlatformShape, PlatformUnderDrill } from "./platform-on.ts";

export interface Fault {
  name: string;
  shape: PlatformShape;
  /** Injects the fault (and heals it, for a pause); resolves when done. */
  inject(platform: PlatformUnderDrill, log: (m: string) => void): Promise<void>;
  /** Figures of the drill's own, from the database after the traffic (given the fault's wall-clock time). */
  measure?(platform: PlatformUnderDrill, faultAt: Date): Promise<Partial<DrillLine>>;
}
