// The words of the shared forms and badges (sign-in, contact and password fields, the health badge).
// English by default; an app that speaks other languages provides its own with `UiTextProvider`.
import { createContext, useContext } from "react";

export const UI_TEXT = {
  password: "Password",
  show: "Show",
  hide: "Hide",
  country: "Country",
  phoneNumber: "Phone number",
  signInWith: "Sign in with",
  email: "Email",
  phone: "Phone",
  signIn: "Sign in",
  signingIn: "Signing in…",
  wrongRole: "This account cannot use this app.",
  emailRequired: "Enter your email address.",
  phoneRequired: "Enter your phone number.",
  passwordRequired: "Enter your password.",
  slow: "Some things are slow right now",
  offline: "Offline — reconnecting…",
  mapStore: "Store",
  mapDriver: "Driver",
  mapDestination: "Delivery address",
  mapPin: "Your pin",
  mapLegend: "Map legend",
  mapZone: "Delivery zone",
  mapLoading: "Loading map…",
};
export type UiText = typeof UI_TEXT;

const UiTextContext = createContext<UiText>(UI_TEXT);
export const UiTextProvider = UiTextContext.Provider;
export const useUiText = (): UiText => useContext(UiTextContext);
