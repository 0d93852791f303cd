import { haversineM, type LatLng } from "./geo.ts";

/** How fast deliveries move in a region. */
export interface SpeedModel {
  /** Average door-to-door speed on the road, km/h. */
  speedKmh: number;
  /** Road distance ÷ straight-line distance (a city grid is ~1.3–1.4). */
  roadFactor: number;
  /** Time spent at each stop (parking, handing over), seconds. */
  stopS: number;
}

export const DEFAULT_SPEED_MODEL: SpeedModel = { speedKmh: 25, roadFactor: 1.35, stopS: 120 };

export interface DeliveryEta {
  /** Seconds from now until the driver reaches the pick-up. */
  pickupS: number;
  /** Seconds from now until the driver reaches the drop-off (waiting for the oven included). */
  dropoffS: number;
}

/** Straight-line distance × road factor ÷ speed, per region; good enough to rank and to promise. */
export class EtaModel {
  constructor(
    private readonly byRegion: Readonly<Record<string, SpeedModel>> = {},
    private readonly fallback: SpeedModel = DEFAULT_SPEED_MODEL,
  ) {}

  model(region: string): SpeedModel {
    return this.byRegion[region] ?? this.fallback;
  }

  /** Travel seconds between two points. */
  travelS(region: string, from: LatLng, to: LatLng): number {
    return this.travelSForDistance(region, haversineM(from, to));
  }

  travelSForDistance(region: string, distanceM: number): number {
    const m = this.model(region);
    return (distanceM * m.roadFactor) / (m.speedKmh / 3.6);
  }

  /**
   * Pick-up and drop-off ETAs for a driver at `driver`. `waitS` is how long the pizza still needs
   * (ready time minus now): a driver who arrives early waits for the oven before leaving.
   */
  delivery(region: string, driver: LatLng, pickup: LatLng, dropoff: LatLng, waitS = 0): DeliveryEta {
    const m = this.model(region);
    const pickupS = this.travelS(region, driver, pickup);
    const leaveS = Math.max(pickupS, waitS) + m.stopS;
    return { pickupS, dropoffS: leaveS + this.travelS(region, pickup, dropoff) };
  }
}
