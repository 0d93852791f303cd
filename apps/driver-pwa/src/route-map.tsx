// The delivery's map: the store, the customer and you, on the same map the other apps draw (named
// streets in the demo cities, MAP_STYLE_URL's style when the operator configures one).
import { LocalMap, type MapMarker, useBasemap } from "@pizza/ui/map";

interface LatLng {
  lat: number;
  lng: number;
}

interface Props {
  store: LatLng;
  dropoff: LatLng;
  driver: LatLng | null;
}

const TILE_URL = import.meta.env.VITE_MAP_TILE_URL as string | undefined;

export default function RouteMap({ store, dropoff, driver }: Props) {
  const ends: MapMarker[] = [
    { id: "store", kind: "store", position: store, label: "Store" },
    { id: "dropoff", kind: "destination", position: dropoff, label: "Customer" },
  ];
  const markers = driver
    ? [...ends, { id: "me", kind: "driver" as const, position: driver, label: "You" }]
    : ends;
  const basemap = useBasemap({ markers: ends, locale: navigator.language || "en" });
  return (
    <div className="route-map" data-testid="route-map">
      <LocalMap
        label="Map of the route from the store to the customer"
        markers={markers}
        basemap={basemap}
        tileUrl={TILE_URL}
        height="220px"
      />
    </div>
  );
}
