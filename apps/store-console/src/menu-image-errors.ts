// Puts each of the API's refusals of a menu picture under the field it is about (issue 22). Domain
// refusals name their field in `details.field` ("file" for the bytes, "key" for an upload that did not
// arrive, which is the file too); zod's refusals name a path in the message ("alt.en: Describe the
// picture in English…"), which the flattened field errors lose below `alt`, so the path is read there.
import { errorMessage, fieldErrors } from "@pizza/ui";

export type ImageField = "subject" | "file" | "alt.en" | "alt.de" | "alt.ja";
export type ImageFieldErrors = Partial<Record<ImageField, string>>;

const FIELD_OF: Record<string, ImageField> = {
  subject: "subject",
  "subject.kind": "subject",
  "subject.id": "subject",
  file: "file",
  key: "file",
  contentType: "file",
  size: "file",
  // No alt text at all: the English one is the one required.
  alt: "alt.en",
  "alt.en": "alt.en",
  "alt.de": "alt.de",
  "alt.ja": "alt.ja",
};

const PATH = /(?:^|\s)(alt(?:\.(?:en|de|ja))?|subject(?:\.(?:kind|id))?|contentType|size|key): /g;

/** "alt.en: A. alt.de: B." → { "alt.en": "A.", "alt.de": "B." }; empty when the message names no path. */
function byPath(message: string): ImageFieldErrors {
  const out: ImageFieldErrors = {};
  const hits = [...message.matchAll(PATH)];
  hits.forEach((hit, i) => {
    const start = hit.index + hit[0].length;
    const end = hits[i + 1]?.index ?? message.length;
    const field = FIELD_OF[hit[1]!]!;
    out[field] ??= message.slice(start, end).trim();
  });
  return out;
}

/** The refusal's messages per field of the pictures form; empty when it is about no field. */
export function imageFieldErrors(error: unknown): ImageFieldErrors {
  if (!error) return {};
  const named = fieldErrors(error);
  if (Object.keys(named).length === 0) return {};
  const parsed = byPath(errorMessage(error));
  if (Object.keys(parsed).length > 0) return parsed;
  const out: ImageFieldErrors = {};
  for (const [name, text] of Object.entries(named)) {
    const field = FIELD_OF[name];
    if (field) out[field] ??= text;
  }
  return out;
}
