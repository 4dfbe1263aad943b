// Preloaded into the app by `npm run loadtest -- --profile <dir>` (node --import): measures what holds the event
// loop over a window the load script marks with SIGUSR2 (first signal opens it, the second closes it) and prints
// one JSON line per mark on stderr. Never part of the product: the app does not import it.
//
//   {"probe":"open","us":...}
//   {"probe":"window","us":...,"loopDelayMs":{p50,p99,max,mean},"elu":0.42,"gc":{"minor":{"count","ms","maxMs"},...}}
//
// `us` is process.hrtime in microseconds, the clock --cpu-prof stamps its samples with, so the script can cut the
// CPU profile to the same window.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, createHistogram, monitorEventLoopDelay, performance, PerformanceObserver, type EventLoopUtilization } from 'node:perf_hooks';

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** When set (the load script's --profile), allocations over the window are sampled into <dir>/window.heapprofile. */
const HEAP_DIR = process.env.LOOP_PROBE_HEAP_DIR;
const session = HEAP_DIR ? new Session() : undefined;
session?.connect();

const delay = monitorEventLoopDelay({ resolution: 2 });
let gc: Record<string, { count: number; ms: number; maxMs: number }> = {};
let eluStart: EventLoopUtilization | undefined;
let open = false;

// Server side of each ack: from the request's headers parsed to its response finished. The generator's figure
// adds the network and its own queueing; this one is the app alone.
const ackTime = createHistogram();
const started = new WeakMap<IncomingMessage, bigint>();
subscribe('http.server.request.start', (message) => {
  if (open) started.set((message as { request: IncomingMessage }).request, process.hrtime.bigint());
});
subscribe('http.server.response.finish', (message) => {
  const { request } = message as { request: IncomingMessage; response: ServerResponse };
  const start = started.get(request);
  if (start !== undefined) ackTime.record(Math.max(1, Number(process.hrtime.bigint() - start)));
});

new PerformanceObserver((list) => {
  if (!open) return;
  for (const entry of list.getEntries()) {
    const kind = GC_KINDS[(entry as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'other';
    const stats = (gc[kind] ??= { count: 0, ms: 0, maxMs: 0 });
    stats.count += 1;
    stats.ms += entry.duration;
    stats.maxMs = Math.max(stats.maxMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

const us = () => Number(process.hrtime.bigint() / 1000n);
const ms = (ns: number) => Math.round(ns / 1e4) / 100;
const line = (fields: Record<string, unknown>) => process.stderr.write(`${JSON.stringify({ probe: fields.probe, us: us(), ...fields })}\n`);

process.on('SIGUSR2', async () => {
  if (!open) {
    open = true;
    // Every allocation, also those collected again, one sample per 64 KiB: where the GC's work comes from.
    await session?.post('HeapProfiler.startSampling', { samplingInterval: 65_536, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.LOOP_PROBE_PROMOTED !== '1' });
    gc = {};
    delay.reset();
    delay.enable();
    ackTime.reset();
    eluStart = performance.eventLoopUtilization();
    line({ probe: 'open' });
    return;
  }
  open = false;
  delay.disable();
  if (session && HEAP_DIR) {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    writeFileSync(join(HEAP_DIR, 'window.heapprofile'), JSON.stringify(profile)); // once, after the window
  }
  const round = (stats: { count: number; ms: number; maxMs: number }) => ({ count: stats.count, ms: Math.round(stats.ms), maxMs: Math.round(stats.maxMs * 10) / 10 });
  line({
    probe: 'window',
    loopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max), mean: ms(delay.mean) },
    serverAckMs: { p50: ms(ackTime.percentile(50)), p99: ms(ackTime.percentile(99)), max: ms(ackTime.max), count: ackTime.count },
    elu: Math.round(performance.eventLoopUtilization(eluStart).utilization * 100) / 100,
    gc: Object.fromEntries(Object.entries(gc).map(([kind, stats]) => [kind, round(stats)])),
  });
});
