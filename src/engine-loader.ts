// The engine's code, imported once, when it is first needed (issue 10). Importing src/engine builds wink-nlp's
// English model and reads the trained weights: about 0.5 s of CPU that holds the event loop, and 60 MiB. Done before
// start, that would double the cold start and put the idle process far over 100 MiB; so the Slack listeners and the
// rewriters get analyze() and rewrite() from here. By default (ENGINE_LOAD=first-use) the first request that needs
// the engine loads it, after that request's ack; main.ts loads it earlier with ENGINE_LOAD=after-start or start.
//
// Only code goes through here. Types are erased, and RULE_IDS comes from src/engine/types.ts, the engine's contract,
// which loads nothing.
import type * as EngineModule from './engine/index.ts';

export type Engine = typeof EngineModule;

let loading: Promise<Engine> | undefined;
let onLoaded: ((ms: number) => void) | undefined;

/** The engine, imported on the first call; every caller shares that one import. */
export function loadEngine(): Promise<Engine> {
  if (!loading) {
    const started = performance.now();
    loading = import('./engine/index.ts');
    void loading.then(() => onLoaded?.(Math.round(performance.now() - started)), () => undefined);
  }
  return loading;
}

/** `listener` is told once the engine is loaded, with how long that took (main.ts logs it). */
export function whenEngineLoaded(listener: (ms: number) => void): void {
  onLoaded = listener;
}
