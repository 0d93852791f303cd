// The customer's language: what they chose in the header's switch (remembered in localStorage), else
// the first of the browser's languages the app speaks, else English. `appLocale()` is the tag the API's
// `locale` inputs and Intl take ("de-DE"); `useAppLocale()` re-renders on a switch (no reload).
import { useSyncExternalStore } from "react";

export const LOCALES = ["en", "de", "ja"] as const;
export type UiLocale = (typeof LOCALES)[number];

/** The full tag for Intl and the API: money, dates and the menu's names follow it. */
const INTL_TAG: Record<UiLocale, string> = { en: "en-US", de: "de-DE", ja: "ja-JP" };
/** Each language's own name, for the switch. */
export const LOCALE_NAMES: Record<UiLocale, string> = { en: "English", de: "Deutsch", ja: "日本語" };

const KEY = "pizza.customer-web.locale";
const listeners = new Set<() => void>();

const isUiLocale = (v: unknown): v is UiLocale => LOCALES.includes(v as UiLocale);

function stored(): UiLocale | null {
  try {
    const v = typeof localStorage === "undefined" ? null : localStorage.getItem(KEY);
    return isUiLocale(v) ? v : null;
  } catch {
    return null;
  }
}

function fromBrowser(): UiLocale {
  const tags = typeof navigator === "undefined" ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of tags) {
    const base = tag?.slice(0, 2).toLowerCase();
    if (isUiLocale(base)) return base;
  }
  return "en";
}

let current: UiLocale = stored() ?? fromBrowser();

/** The app's language ("en" | "de" | "ja"). */
export function uiLocale(): UiLocale {
  return current;
}

/** The language as a BCP 47 tag for Intl and the API's `locale` inputs ("de-DE"). */
export function appLocale(): string {
  return INTL_TAG[current];
}

/** Switches the language everywhere at once and remembers the choice. */
export function setUiLocale(locale: UiLocale) {
  current = locale;
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // Private mode: the switch still applies for this visit.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useUiLocale(): UiLocale {
  return useSyncExternalStore(subscribe, uiLocale, uiLocale);
}
