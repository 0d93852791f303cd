import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../../trpc.ts";
import { ZBasemapRequest, ZCheckPinRequest, ZReverseRequest, ZSearchRequest } from "./geo.schemas.ts";
import { limitGeoLookups } from "./geo-limits.ts";

/** Address search for everyone, signed in or not; every lookup counts against the caller's IP. */
export const geoRouter = {
  /** Suggestions for typed text (autocomplete), best first. */
  search: publicProcedure.input(ZSearchRequest).query(async ({ ctx, input }) => {
    await limitGeoLookups(ctx.platform.rateLimiter, ctx.ip);
    return ctx.services.geo.search(input);
  }),
  /** The nearest address or landmark to a point (a pin, the customer's location), or null. */
  reverse: publicProcedure.input(ZReverseRequest).query(async ({ ctx, input }) => {
    await limitGeoLookups(ctx.platform.rateLimiter, ctx.ip);
    return ctx.services.geo.reverse({ lat: input.lat, lng: input.lng }, input.locale);
  }),
  /** Whether the pin and the chosen address disagree (> 150 m), with the distance in words. */
  checkPin: publicProcedure.input(ZCheckPinRequest).query(async ({ ctx, input }) => {
    await limitGeoLookups(ctx.platform.rateLimiter, ctx.ip);
    return ctx.services.geo.checkPin(input);
  }),
  /** What the map draws under zones and markers: MAP_STYLE_URL, or the demo gazetteer's named streets. */
  basemap: publicProcedure.input(ZBasemapRequest).query(async ({ ctx, input }) => {
    await limitGeoLookups(ctx.platform.rateLimiter, ctx.ip);
    return ctx.services.geo.basemap(input);
  }),
} satisfies TRPCRouterRecord;
