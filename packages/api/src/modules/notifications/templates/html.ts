// HTML helpers for email templates: every value that came from a person (a name, an address, a note) goes
// through `escapeHtml`, so `<script>` in a name is shown as text.
import type { MessageLocale } from "./i18n.ts";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** The frame of every email: a plain, readable page (mail clients ignore most CSS). */
export function emailPage(locale: MessageLocale, title: string, body: string): string {
  return [
    "<!doctype html>",
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: sans-serif; color: #222; max-width: 560px; margin: 0 auto; padding: 16px">',
    body,
    "</body></html>",
  ].join("\n");
}
