import type { Config } from "../env.ts";

/** Features that configuration can switch off without a deploy of new code. */
export type Feature = "reviews";

/**
 * Feature switches, read once from configuration (`REVIEWS_ENABLED=false` turns reviews off).
 * `set` exists for operations tooling and tests; it changes this process only.
 */
export class Features {
  private readonly enabled: Record<Feature, boolean>;

  constructor(config: Pick<Config, "features">) {
    this.enabled = { reviews: config.features.reviews };
  }

  isEnabled(feature: Feature): boolean {
    return this.enabled[feature];
  }

  set(feature: Feature, on: boolean): void {
    this.enabled[feature] = on;
  }

  snapshot(): Record<Feature, boolean> {
    return { ...this.enabled };
  }
}
