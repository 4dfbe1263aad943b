// Trains the scorer on ../shared/corpus (train.jsonl + dev.jsonl) and writes src/engine/model.json.
// Deterministic: rerunning on the same corpus writes the same bytes (`npm run train -- --check` verifies that).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readSharedCorpus } from './corpus.ts';
import { extract, trainModel } from './learn.ts';

export const MODEL_FILE = new URL('../src/engine/model.json', import.meta.url).pathname;

export function trainedModelJson(): string {
  const { messages, missing } = readSharedCorpus();
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: the labelled corpus comes with ../shared beside the project`);
  const model = trainModel(extract(messages));
  return JSON.stringify({ ...model, trainedOn: { corpus: '../shared/corpus: train.jsonl + dev.jsonl', ...model.trainedOn } }, null, 1) + '\n';
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
  const json = trainedModelJson();
  if (values.check) {
    const same = readFileSync(MODEL_FILE, 'utf8') === json;
    console.log(same ? 'model.json is what the corpus trains, byte for byte' : 'model.json differs from what the corpus trains: run npm run train');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(MODEL_FILE, json);
  const m = JSON.parse(json);
  for (const [rule, r] of Object.entries<{ weights: object; report: number; nudge: number }>(m.rules)) {
    console.log(`${rule.padEnd(22)} ${String(Object.keys(r.weights).length).padStart(5)} weights  report >= ${r.report.toFixed(3)}  nudge >= ${r.nudge > 1 ? 'never' : r.nudge.toFixed(3)}`);
  }
  console.log(`wrote ${MODEL_FILE}`);
}
