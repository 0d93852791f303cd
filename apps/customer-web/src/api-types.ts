import type { AppRouter } from "@pizza/api/router";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

export type Profile = inferRouterOutputs<AppRouter>["user"]["profile"];
export type Address = Profile["addresses"][number];
export type AddressInput = NonNullable<
  inferRouterInputs<AppRouter>["user"]["updateProfile"]["addresses"]
>[number];

export type Place = inferRouterOutputs<AppRouter>["geo"]["search"][number];
export type PinCheck = inferRouterOutputs<AppRouter>["geo"]["checkPin"];

export type NotificationPreferences = inferRouterOutputs<AppRouter>["notifications"]["preferences"];
export type NotificationKindPreference = NotificationPreferences["kinds"][number];
