// How guessable a password is, by zxcvbn-ts with its common and English dictionaries (offline:
// the lists ship inside the packages). Built once, when this module loads: the dictionaries take a
// few hundred milliseconds to index, after which a check takes milliseconds.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";

/** zxcvbn's 0–4 scale; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

/** Words of this platform an attacker would try first, whoever the user is. */
const PLATFORM_WORDS = ["pizza", "pizzas", "pizzeria", "margherita", "pepperoni", "delivery", "order"];

const zxcvbn = new ZxcvbnFactory({
  translations,
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...englishDictionary, userInputs: PLATFORM_WORDS },
});

export interface Strength {
  score: number;
  /** The estimator's main warning ("This is a commonly used password."), if any. */
  warning: string | null;
  suggestions: string[];
}

/** The password's score and the estimator's feedback; `userInputs` (name, email) count as known words. */
export function strengthOf(password: string, userInputs: string[]): Strength {
  const result = zxcvbn.check(password, userInputs);
  return {
    score: result.score,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  };
}

// Index the dictionaries now, not on the first sign-up.
strengthOf("warm-up", []);
