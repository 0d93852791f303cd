import { type CardGateway, TEST_CARDS } from "./gateway/payment-gateway.ts";
import { RoutedGateway } from "./gateway/routed-gateway.ts";
import type { TPaymentConfig } from "./payments.schemas.ts";

/** What the apps need to show the checkout: which gateway, its publishable key, and the simulation's test cards. */
export function paymentConfig(gateway: CardGateway): TPaymentConfig {
  return {
    gateway: gateway.name,
    publishableKey: gateway.publishableKey,
    testMode: gateway.testMode,
    testCards:
      gateway.name === "simulated"
        ? [
            { number: TEST_CARDS.succeeds, behaviour: "succeeds" },
            { number: TEST_CARDS.declined, behaviour: "declined" },
            { number: TEST_CARDS.insufficientFunds, behaviour: "declined: insufficient funds" },
            { number: TEST_CARDS.requires3ds, behaviour: "requires 3-D Secure authentication" },
          ]
        : [],
    ...(gateway instanceof RoutedGateway
      ? { paypal: gateway.simulatedPayPal ? ("simulated" as const) : ("paypal" as const) }
      : {}),
  };
}
