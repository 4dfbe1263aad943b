// What every rule module exports. One rule per file in ./rules, named by its id: its cues as data, the structural
// conditions it reads, and its examples. The rule only describes the message; the trained scorer decides.
import type { Features } from './features.ts';
import type { Doc } from './nlp.ts';
import type { Signals } from './signals.ts';
import type { RuleId } from './types.ts';

export interface Example {
  text: string;
  context?: string;
}

export interface Rule {
  id: RuleId;
  /** Must-flag and must-pass examples, in our own words; a meta-test requires both kinds. */
  examples: { flag: readonly Example[]; pass: readonly Example[] };
  /** Short, non-accusatory explanation that quotes the trigger. */
  message(quote: string): string;
  /** The senior shape. */
  tip: string;
  /** Named features of the message for the scorer, with the spans that raised them; `signals.context` says what the replied-to message asks. */
  features(doc: Doc, signals: Signals): Features;
}
