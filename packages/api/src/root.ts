import { authRouter } from "./modules/auth/auth.router.ts";
import { deliveryRouter } from "./modules/delivery/delivery.router.ts";
import { geoRouter } from "./modules/geo/geo.router.ts";
import { healthRouter } from "./modules/health/health.router.ts";
import { helpRouter } from "./modules/help/help.router.ts";
import { loyaltyRouter } from "./modules/loyalty/loyalty.router.ts";
import { dealRouter } from "./modules/menu/deals.router.ts";
import { menuRouter } from "./modules/menu/menu.router.ts";
import { menuAdminRouter } from "./modules/menu/menu-admin.router.ts";
import { menuImageRouter } from "./modules/menu/menu-images.router.ts";
import { notificationsRouter } from "./modules/notifications/notifications.router.ts";
import { orderRouter } from "./modules/orders/orders.router.ts";
import { paymentRouter } from "./modules/payments/payments.router.ts";
import { promoRouter } from "./modules/promos/promos.router.ts";
import { reportsRouter } from "./modules/reports/reports.router.ts";
import { reviewRouter } from "./modules/reviews/reviews.router.ts";
import { storeRouter } from "./modules/stores/stores.router.ts";
import { userRouter } from "./modules/users/users.router.ts";
import { createCallerFactory, router } from "./trpc.ts";

/** The API's table of contents. Apps import `type AppRouter` only. */
export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  user: userRouter,
  menu: menuRouter,
  menuAdmin: menuAdminRouter,
  order: orderRouter,
  promo: promoRouter,
  store: storeRouter,
  review: reviewRouter,
  payment: paymentRouter,
  delivery: deliveryRouter,
  geo: geoRouter,
  notifications: notificationsRouter,
  help: helpRouter,
  loyalty: loyaltyRouter,
  reports: reportsRouter,
  menuImage: menuImageRouter,
  deal: dealRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
