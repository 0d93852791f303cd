// The app's words in en, de and ja (react-intl, ICU messages with plurals). One provider at the root
// follows the language switch (`useUiLocale`); screens ask `useT()` for a message by key. The shared
// forms of @pizza/ui get their words from the same catalog through `UiTextProvider`.
import { type UiText, UiTextProvider } from "@pizza/ui";
import { type ReactNode, useCallback } from "react";
import { IntlProvider, useIntl } from "react-intl";
import { appLocale, type UiLocale, useUiLocale } from "../lib/app-locale.ts";
import { de } from "./de.ts";
import { en, type MessageKey } from "./en.ts";
import { ja } from "./ja.ts";

export type { MessageKey } from "./en.ts";

export const CATALOGS: Record<UiLocale, Record<MessageKey, string>> = { en, de, ja };

type Values = Record<string, string | number | Date | null | undefined>;

/** `t("cart.items", { count: 2 })`: the message in the customer's language, formatted. */
export type Translate = (id: MessageKey, values?: Values) => string;

export function useT(): Translate {
  const intl = useIntl();
  return useCallback<Translate>((id, values) => intl.formatMessage({ id }, values), [intl]);
}

const uiText = (t: Translate): UiText => ({
  password: t("ui.password"),
  show: t("ui.show"),
  hide: t("ui.hide"),
  country: t("ui.country"),
  phoneNumber: t("ui.phoneNumber"),
  signInWith: t("ui.signInWith"),
  email: t("ui.email"),
  phone: t("ui.phone"),
  signIn: t("ui.signIn"),
  signingIn: t("ui.signingIn"),
  wrongRole: t("ui.wrongRole"),
  emailRequired: t("form.emailRequired"),
  phoneRequired: t("form.phoneRequired"),
  passwordRequired: t("form.passwordRequired"),
  forgotPassword: t("reset.forgot"),
  continueWith: t("ui.continueWith", { provider: "{provider}" }),
  orWithPassword: t("ui.orWithPassword"),
  forgotTitle: t("reset.title"),
  forgotLead: t("reset.lead"),
  sending: t("reset.sending"),
  sendCode: t("reset.sendCode"),
  backToSignIn: t("signIn.back"),
  passwordChanged: t("reset.changed"),
  newPasswordTitle: t("reset.newTitle"),
  codeSentTo: t("reset.codeSentTo", { to: "{to}" }),
  newPasswordLead: t("reset.newLead"),
  sixDigitCode: t("confirm.code"),
  newPassword: t("reset.newPassword"),
  passwordHint: t("reset.hint"),
  saving: t("builder.saving"),
  setPasswordAndSignIn: t("reset.submit"),
  askNewCode: t("reset.askNew"),
  slow: t("ui.slow"),
  offline: t("ui.offline"),
  mapStore: t("map.store"),
  mapDriver: t("map.driver"),
  mapDestination: t("map.destination"),
  mapPin: t("map.pin"),
  mapLegend: t("map.legend"),
  mapZone: t("map.zone"),
  mapLoading: t("map.loading"),
});

function SharedWords({ children }: { children: ReactNode }) {
  const t = useT();
  return <UiTextProvider value={uiText(t)}>{children}</UiTextProvider>;
}

/** The catalog of the chosen language; `<html lang>` follows it. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useUiLocale();
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  return (
    <IntlProvider locale={appLocale()} messages={CATALOGS[locale]} defaultLocale="en-US">
      <SharedWords>{children}</SharedWords>
    </IntlProvider>
  );
}
