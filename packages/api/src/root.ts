import { authRouter } from "./modules/auth/auth.router.ts";
import { healthRouter } from "./modules/health/health.router.ts";
import { reviewRouter } from "./modules/reviews/reviews.router.ts";
import { userRouter } from "./modules/users/users.router.ts";
import { createCallerFactory, router } from "./trpc.ts";

/** The API's table of contents. Apps import `type AppRouter` only. */
export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  user: userRouter,
  review: reviewRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
