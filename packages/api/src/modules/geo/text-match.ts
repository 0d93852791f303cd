// How the embedded gazetteer compares what a person typed with place names: case, accents and the
// German spellings (ß/ss, ü/ue) do not matter, common abbreviations ("Str.", "St", "Ave", "W") stand for
// the full word, ordinals are numbers ("42nd" = "42"), and one typo in a longer word is forgiven.

/** Words a person abbreviates, after folding: the abbreviation → the word the names spell out. */
const ABBREVIATIONS: Record<string, string> = {
  st: "street",
  str: "strasse",
  ave: "avenue",
  av: "avenue",
  pl: "place",
  sq: "square",
  blvd: "boulevard",
  w: "west",
  e: "east",
  n: "north",
  s: "south",
};

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;

/** Lower case, no accents, ß → ss, ä/ö/ü and ae/oe/ue alike, Japanese long-vowel marks dropped. */
export function fold(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[äöü]/g, (c) => ({ ä: "a", ö: "o", ü: "u" })[c] ?? c)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([aou])e/g, "$1")
    .replace(/ー/g, "");
}

/** Words of a folded text: abbreviations expanded, "-str." endings spelled out, ordinals as numbers. */
export function words(text: string): string[] {
  return fold(text)
    .replace(/(\p{L})str\b\.?/gu, "$1strasse ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.replace(/^(\d+)(st|nd|rd|th)$/, "$1"))
    .map((w) => ABBREVIATIONS[w] ?? w);
}

/** True when the word is (part of) a house number: "5", "12a", "350". */
export const isHouseNumber = (word: string) => /^\d{1,5}[a-z]?$/.test(word);

/** Levenshtein distance, stopping early once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * How well one typed word matches one word of a name: 3 exact, 2 a prefix (the person is still typing),
 * 1 one typo away (words of 4 letters or more), 0 no match; numbers match only exactly. Japanese text has no spaces, so a typed
 * Japanese word matches anywhere inside the name's word.
 */
export function wordScore(typed: string, word: string): number {
  if (typed === word) return 3;
  // A number is a house number, a street's ordinal or a postcode: only the whole of it means something.
  if (/^\d+[a-z]?$/.test(typed)) return 0;
  if (word.startsWith(typed)) return 2;
  if (CJK.test(typed) && word.includes(typed)) return 2;
  if (typed.length >= 4) {
    const head = word.slice(0, typed.length);
    if (editDistance(typed, head, 1) <= 1 || editDistance(typed, word, 1) <= 1) return 1;
  }
  return 0;
}

/**
 * Scores typed words against a place's words: every typed word must match some word (else 0); the
 * score favours exact and prefix matches and names that have few words left unmatched.
 */
export function matchScore(typed: string[], placeWords: string[]): number {
  if (typed.length === 0) return 0;
  let total = 0;
  for (const t of typed) {
    let best = 0;
    for (const w of placeWords) best = Math.max(best, wordScore(t, w));
    if (best === 0) return 0;
    total += best;
  }
  return total / typed.length;
}
