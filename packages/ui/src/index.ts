export { type ApiClient, type ApiClientOptions, createApiClient, isUnauthorized } from "./api-client.ts";
export { ApiHealth } from "./api-health.tsx";
export {
  ApiProvider,
  TRPCProvider,
  type UseSession,
  useSession,
  useTRPC,
  useTRPCClient,
} from "./api-provider.tsx";
export { COUNTRIES, type CountryCode, defaultCountry } from "./countries.ts";
export { currencyDigits } from "./currency-digits.ts";
export { errorMessage, fieldErrors } from "./errors.ts";
export {
  ContactFields,
  Field,
  FormError,
  formErrorMessage,
  PasswordField,
  TextField,
  useFocusFirstInvalid,
} from "./fields.tsx";
export { ForgotPassword, linkToken, type ResetContact, useFinishSignIn } from "./forgot-password.tsx";
export { IdentityProviders, type OidcApp } from "./identity-providers.tsx";
export {
  type NotificationChannel,
  NotificationChoices,
  type NotificationChoicesText,
} from "./notification-choices.tsx";
export { PizzaMark } from "./pizza-mark.tsx";
export { type PushState, usePushSubscription } from "./push-subscription.ts";
export { type AuthResponse, type Session, SessionStore, type SessionUser } from "./session.ts";
export { SignInForm } from "./sign-in-form.tsx";
export { SignedInShell, UserSummary } from "./signed-in-shell.tsx";
export { UI_TEXT, type UiText, UiTextProvider, useUiText } from "./ui-text.tsx";
