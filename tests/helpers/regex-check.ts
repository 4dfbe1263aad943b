// The ReDoS verdict on one pattern, in two independent parts:
//   1. structure: scslre (the analysis behind eslint-plugin-regexp's no-super-linear-* rules) proves whether any
//      repeated character makes the pattern backtrack super-linearly (nested or overlapping quantifiers, /(a+)+/)
//      or makes the engine's scan from every start position quadratic (/[\s,]+$/ on "   ...x");
//   2. worst-case probes: the pattern runs on strings of single characters and short units up to 40,000 characters,
//      with and without a character that makes the match fail; no probe may cost more than PROBE_BUDGET_MS of CPU.
// Deterministic (no fuzzing; the probes' budget is CPU time, 20x what a linear scan costs) and fast: ~10 ms a pattern.
import { analyse } from 'scslre';

export const PROBE_LENGTH = 40_000;
/** A linear pattern scans 40,000 characters in well under 5 ms; a quadratic one takes hundreds of ms or more. */
export const PROBE_BUDGET_MS = 100;

// Characters and short units Slack messages are made of, plus each pattern's own literal characters (below).
const UNITS = [' ', 'a', '.', '\n', 'a ', '. ', ', ', 'ab '];
// The end of a probe: nothing, or a character few patterns accept (so the match fails at the very end).
const ENDINGS = ['', '\u0000'];

function ownCharacters(source: string): string[] {
  const chars = new Set<string>();
  for (const ch of source.replace(/\\[a-zA-Z]/g, '')) if (/[\p{L}\p{N}\p{P}\p{S} ]/u.test(ch)) chars.add(ch.toLowerCase());
  return [...chars].slice(0, 16);
}

/** Why the pattern is unsafe, or undefined when it is safe. */
export function redosProblem(source: string, flags: string): string | undefined {
  return structuralProblem(source, flags) ?? probeProblem(source, flags);
}

/** What scslre proves about the pattern's structure, or undefined when no repeated character can hurt it. */
export function structuralProblem(source: string, flags: string): string | undefined {
  let reports;
  try {
    reports = analyse({ source, flags }, { reportTypes: { Move: true, Self: true, Trade: true }, maxReports: 3 }).reports;
  } catch (error) {
    return `cannot be analysed: ${(error as Error).message}`;
  }
  if (reports.length) {
    const what = reports.map((r) => `${r.type === 'Move' ? 'quadratic scan' : r.exponential ? 'exponential backtracking' : 'polynomial backtracking'} on repeated ${JSON.stringify(r.character.pick)}`);
    return [...new Set(what)].join('; ');
  }
  return undefined;
}

/**
 * The first probe that costs more than PROBE_BUDGET_MS of CPU, or undefined. Each probe grows from 20 characters by 4
 * up to 64 (where exponential patterns blow up: caught on a short string instead of running for ever), then runs
 * at 40,000.
 */
export function probeProblem(source: string, flags: string): string | undefined {
  const re = new RegExp(source, flags.replace(/[gy]/g, ''));
  for (const unit of new Set([...UNITS, ...ownCharacters(source)])) {
    for (const end of ENDINGS) {
      for (let length = 20; ; length = length < 64 ? length + 4 : PROBE_LENGTH) {
        const input = unit.repeat(Math.ceil(length / unit.length)).slice(0, length - end.length) + end;
        const before = process.cpuUsage();
        re.test(input); // not global: tries every start position until one matches, as a scan does
        const used = process.cpuUsage(before);
        const ms = (used.user + used.system) / 1000;
        if (ms > PROBE_BUDGET_MS) return `took ${Math.round(ms)} ms of CPU on ${JSON.stringify(unit)} x ${length} + ${JSON.stringify(end)}`;
        if (length === PROBE_LENGTH) break;
      }
    }
  }
  return undefined;
}
