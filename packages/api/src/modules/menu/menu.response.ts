import type { FastifyReply, FastifyRequest } from "fastify";
import { isOpenAt, nextOpening } from "../stores/hours.ts";
import { ZGetMenuRequest } from "./menu.schemas.ts";
import { type MenuService, menuLocale } from "./menu.service.ts";
import type { Menu } from "./menu.types.ts";
import { dealsOnOffer } from "./menu-deals.ts";

/** What `menu.getMenu` answers: the cached menu with whether the store is open now, and when it opens. */
export function menuView(menu: Menu, now: Date) {
  const s = menu.store;
  const openNow = s.acceptingOrders && isOpenAt(s.hours, s.timezone, now, s.hourOverrides);
  const opensAt =
    openNow || !s.acceptingOrders ? null : nextOpening(s.hours, s.timezone, now, s.hourOverrides);
  const deals = dealsOnOffer(menu, now);
  return { ...menu, deals, store: { ...s, openNow, opensAt: opensAt?.toISOString() ?? null } };
}

/**
 * The serialized tRPC answer per cached menu object: the same bytes tRPC would write, made once per
 * menu and open/closed state instead of a JSON.stringify of ~15 KB on every request. Keyed by the
 * menu object, which MenuService shares for one generation of the store's menu, so a change to the
 * menu (a new generation, a new object) can never be answered from here.
 */
const bodies = new WeakMap<Menu, { openNow: boolean; opensAt: string | null; deals: string; body: Buffer }>();

export function menuResponseBody(menu: Menu, now: Date): Buffer {
  const view = menuView(menu, now);
  const known = bodies.get(menu);
  // The deals on offer are part of the key: one starting or ending makes a new body.
  const deals = view.deals.map((d) => d.id).join(",");
  const { openNow, opensAt } = view.store;
  if (known && known.openNow === openNow && known.opensAt === opensAt && known.deals === deals)
    return known.body;
  const body = Buffer.from(JSON.stringify({ result: { data: view } }));
  bodies.set(menu, { openNow, opensAt, deals, body });
  return body;
}

const PATH = "/trpc/menu.getMenu?";

/**
 * A Fastify `onRequest` hook in front of tRPC for the hottest public read, `menu.getMenu` by store id:
 * it answers from the serialized cache above. Everything else — a batch, a location instead of a
 * store, input that does not validate, any error (an unknown store…) — falls through to the tRPC
 * procedure, which validates, answers and formats errors as always.
 */
export function menuFastPath(menus: MenuService) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== "GET" || !req.url.startsWith(PATH)) return;
    const query = req.query as Record<string, unknown>;
    if (typeof query.input !== "string" || Object.keys(query).length !== 1) return;
    let parsed: ReturnType<typeof ZGetMenuRequest.safeParse>;
    try {
      parsed = ZGetMenuRequest.safeParse(JSON.parse(query.input));
    } catch {
      return;
    }
    if (!parsed.success || !parsed.data.storeId) return;
    let body: Buffer;
    try {
      const menu = await menus.menu(parsed.data.storeId, menuLocale(parsed.data.locale));
      body = menuResponseBody(menu, new Date());
    } catch {
      return;
    }
    return reply
      .code(200)
      .header("vary", "trpc-accept, accept")
      .header("content-type", "application/json")
      .send(body);
  };
}
