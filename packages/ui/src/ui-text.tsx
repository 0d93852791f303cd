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
  forgotPassword: "Forgot password?",
  /** {provider} is the label of an OpenID Connect provider (OIDC_PROVIDERS). */
  continueWith: "Continue with {provider}",
  orWithPassword: "or sign in with your password",
  forgotTitle: "Forgot your password?",
  forgotLead:
    "Enter the email address or phone number of your account. We will send you a code to set a new password.",
  sending: "Sending…",
  sendCode: "Send code",
  backToSignIn: "Back to sign in",
  passwordChanged: "Your password was changed.",
  newPasswordTitle: "Set a new password",
  /** {to} is the masked contact. */
  codeSentTo: "If an account uses {to}, we sent it a 6-digit code. It expires in 15 minutes.",
  newPasswordLead: "Choose a new password. You will be signed out everywhere else.",
  sixDigitCode: "6-digit code",
  newPassword: "New password",
  passwordHint: "At least 10 characters; a few uncommon words work well.",
  saving: "Saving…",
  setPasswordAndSignIn: "Set new password and sign in",
  askNewCode: "No code? Ask for a new one",
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
