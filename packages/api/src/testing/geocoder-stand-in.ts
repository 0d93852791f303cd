import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GazetteerGeocoder } from "../modules/geo/gazetteer-geocoder.ts";
import type { Place } from "../modules/geo/geocoder.ts";

/**
 * A local HTTP server that answers like Photon (GET /api and /reverse, GeoJSON FeatureCollections with
 * GeocodeJSON properties, as Photon's docs/api-v1.md shows), so the Photon adapter is tested without the
 * internet. Its places come from the demo gazetteer, which lets one contract suite hold both adapters to
 * the same answers. It records every request (path, parameters, User-Agent) and can be made to fail.
 */

export interface RecordedGeocoderRequest {
  path: string;
  params: Record<string, string>;
  userAgent: string | undefined;
}

/** `500`: answer 500; `hang`: never answer; `garbage`: answer 200 with something that is not GeoJSON. */
export type GeocoderFault = "500" | "hang" | "garbage";

export interface GeocoderStandIn {
  /** The base URL to use as GEOCODER_URL (under `/photon`, to prove paths are appended, not replaced). */
  url: string;
  requests: RecordedGeocoderRequest[];
  /** Every following request fails this way, until set back to undefined. */
  fault: GeocoderFault | undefined;
  close(): Promise<void>;
}

/** A small stable number for a gazetteer id, standing in for an OSM id. */
function osmId(id: string): number {
  let h = 7;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 2_147_483_647;
  return h;
}

/** A place as Photon describes it: streets are highways named after themselves, houses have no name. */
function feature(place: Place) {
  const kind =
    place.kind === "street"
      ? { type: "street", osm_key: "highway", osm_value: "residential", osm_type: "W", name: place.street }
      : place.kind === "address"
        ? { type: "house", osm_key: "place", osm_value: "house", osm_type: "N", street: place.street }
        : {
            type: "house",
            osm_key: "tourism",
            osm_value: "attraction",
            osm_type: "N",
            name: place.name,
            street: place.street,
          };
  return {
    type: "Feature",
    geometry: { type: "Point", coordinates: [place.lng, place.lat] },
    properties: {
      ...kind,
      osm_id: osmId(place.id),
      ...(place.houseNumber ? { housenumber: place.houseNumber } : {}),
      ...(place.postcode ? { postcode: place.postcode } : {}),
      ...(place.city ? { city: place.city } : {}),
      ...(place.country ? { country: place.country } : {}),
      ...(place.countryCode ? { countrycode: place.countryCode } : {}),
    },
  };
}

export async function startGeocoderStandIn(): Promise<GeocoderStandIn> {
  const gazetteer = new GazetteerGeocoder();
  const requests: RecordedGeocoderRequest[] = [];
  const state: { fault: GeocoderFault | undefined } = { fault: undefined };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const params = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, params, userAgent: req.headers["user-agent"] });
    if (state.fault === "hang") return;
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (state.fault === "500") return reply(500, { message: "internal error" });
    if (state.fault === "garbage") return reply(200, "<html>maintenance</html>");
    const lang = params.lang ?? "default";
    // As Photon does: a `lang` the server was not imported with is refused (its default import's languages).
    if (!["default", "en", "de", "fr", "it"].includes(lang))
      return reply(400, {
        message: `language ${lang} is not supported, supported languages are: default, en, de, fr, it`,
      });
    const lat = Number(params.lat);
    const lon = Number(params.lon);
    const hasPoint = params.lat !== undefined && params.lon !== undefined;
    if (url.pathname === "/photon/api") {
      if (!params.q) return reply(400, { message: "missing search term 'q'" });
      const places = await gazetteer.search(params.q, {
        locale: lang,
        limit: Number(params.limit ?? 15),
        ...(hasPoint ? { near: { lat, lng: lon } } : {}),
      });
      return reply(200, { type: "FeatureCollection", features: places.map(feature) });
    }
    if (url.pathname === "/photon/reverse") {
      if (!hasPoint) return reply(400, { message: "missing lat or lon" });
      const place = await gazetteer.reverse({ lat, lng: lon }, lang);
      return reply(200, { type: "FeatureCollection", features: place ? [feature(place)] : [] });
    }
    reply(404, { message: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/photon`,
    requests,
    get fault() {
      return state.fault;
    },
    set fault(f) {
      state.fault = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
