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
export type AdminDeal = inferRouterOutputs<AppRouter>["deal"]["list"][number];
export type GoodwillOrder = inferRouterOutputs<AppRouter>["loyalty"]["goodwillOrder"];
type Reports = inferRouterOutputs<AppRouter>["reports"];
export interface ReportData {
  sales: Reports["sales"];
  delivery: Reports["deliveryTimes"];
  kitchen: Reports["kitchenTimes"];
  drivers: Reports["drivers"];
  costs: Reports["costs"];
  ratings: Reports["ratings"];
}
export type RegionPriceRule = inferRouterOutputs<AppRouter>["store"]["regionPriceRule"];
export type TicketPrinterSettings = inferRouterOutputs<AppRouter>["store"]["ticketPrinter"];
export type MenuCatalogue = inferRouterOutputs<AppRouter>["menuAdmin"]["catalogue"];
export type CatalogueEntry = MenuCatalogue["entries"][number];
export type MenuChange = inferRouterOutputs<AppRouter>["menuAdmin"]["history"][number];
