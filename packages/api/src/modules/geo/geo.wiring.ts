// Picks the geocoder from the configuration: Photon when GEOCODER_URL is set, else the embedded demo
// gazetteer, saying which at start. Production without GEOCODER_URL starts (address search is a help,
// not a requirement: customers can still drop a pin) but warns loudly that only the demo cities are known.
import type { Logger } from "pino";
import type { Config } from "../../env.ts";
import type { Cache } from "../../infra/cache.ts";
import { GazetteerGeocoder } from "./gazetteer-geocoder.ts";
import { GeoService } from "./geo.service.ts";
import type { Geocoder } from "./geocoder.ts";
import { PhotonGeocoder } from "./photon-geocoder.ts";

export function createGeocoder(config: Config, log: Logger): Geocoder {
  const { url, userAgent } = config.geocoder;
  if (url) {
    log.info(
      { geocoder: "photon", host: new URL(url).host },
      "address search: Photon geocoder at GEOCODER_URL",
    );
    return new PhotonGeocoder({ baseUrl: url, userAgent, log });
  }
  if (config.env === "production")
    log.warn(
      "GEOCODER_URL is not set: address search uses the embedded DEMO gazetteer, which only knows a few districts of New York, Berlin and Tokyo. Customers elsewhere get no suggestions; point GEOCODER_URL at a Photon server (see packages/api/src/modules/geo/README.md)",
    );
  else
    log.info(
      { geocoder: "gazetteer" },
      "address search: embedded demo gazetteer (set GEOCODER_URL for a Photon server)",
    );
  return new GazetteerGeocoder();
}

/**
 * The service over the given geocoder. Only a remote geocoder's answers are cached: the gazetteer
 * answers from memory faster than a cache would.
 */
export function createGeoService(
  geocoder: Geocoder,
  cache: Cache,
  mapStyleUrl: string | null = null,
): GeoService {
  return new GeoService({ geocoder, mapStyleUrl, ...(geocoder.kind === "gazetteer" ? {} : { cache }) });
}
