// The API's answers the store screens are built from.
import type { AppRouter } from "@pizza/api/router";
import type { inferRouterOutputs } from "@trpc/server";

export type Store = inferRouterOutputs<AppRouter>["store"]["get"];
export type Menu = inferRouterOutputs<AppRouter>["menu"]["getMenu"];
export type RosterDriver = inferRouterOutputs<AppRouter>["delivery"]["roster"]["drivers"][number];
export type DeliveryStatus = inferRouterOutputs<AppRouter>["delivery"]["getDeliveryStatus"];
export type PromoRow = inferRouterOutputs<AppRouter>["promo"]["list"][number];
export type StoreHelpRequest = inferRouterOutputs<AppRouter>["help"]["forStore"][number];
export type CatalogueReward = inferRouterOutputs<AppRouter>["loyalty"]["catalogue"][number];
export type GoodwillOrder = inferRouterOutputs<AppRouter>["loyalty"]["goodwillOrder"];
export type MenuCatalogue = inferRouterOutputs<AppRouter>["menuAdmin"]["catalogue"];
export type CatalogueEntry = MenuCatalogue["entries"][number];
export type MenuChange = inferRouterOutputs<AppRouter>["menuAdmin"]["history"][number];
