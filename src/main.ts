// The only file with side effects: read .env and the environment, build the logger, store and rewriter, start the
// app, and stop it cleanly on SIGTERM / SIGINT.
import { enableCompileCache, flushCompileCache } from 'node:module';

// Before anything else is loaded: Node's compile cache (NODE_COMPILE_CACHE, or node-compile-cache in the OS temp
// dir) keeps every module type-stripped and compiled, so a restart skips both. Measured (issue 10): importing the
// app takes about half the time and 25 MiB less, since the TypeScript stripper is not even loaded. Hence the
// dynamic imports below: static ones would be compiled before this line runs.
enableCompileCache();
const { ConfigError, loadConfig, loadDotenv } = await import('./config.ts');

async function main(): Promise<void> {
  loadDotenv();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Before the logger exists, and meant for a person: plain text on stderr.
    process.stderr.write(`${error.message}\nSee .env.example and README.md ("Slack app").\n`);
    process.exit(78); // EX_CONFIG
  }

  // In HTTP mode Bolt's Socket Mode client is never used: it loads only if something reaches for it.
  if (config.slack.mode === 'http') (await import('./defer-require.ts')).deferRequire('@slack/bolt', '@slack/socket-mode');
  const [{ createApp }, { createRewriter }, { createLogger }, { createStore }, { loadEngine, whenEngineLoaded }] = await Promise.all([
    import('./app.ts'),
    import('./llm/index.ts'),
    import('./logger.ts'),
    import('./store/index.ts'),
    import('./engine-loader.ts'),
  ]);

  const logger = createLogger({ level: config.logLevel });
  whenEngineLoaded((ms) => logger.info({ engineLoad: config.engineLoad, ms, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) }, 'engine loaded'));
  // ENGINE_LOAD=start: /healthz answers 200 only once the engine is in (README, "Load and faults", has the figures).
  if (config.engineLoad === 'start') await loadEngine();
  const store = await createStore(config, logger);
  const rewriter = createRewriter(config.llm, { store, logger });
  const coach = createApp(config, { store, logger, rewriter, onFirstHealthy: () => setImmediate(loadInBackground) });

  // ENGINE_LOAD=first-use (the default): the first message that needs the engine loads it, after its ack
  // (src/engine-loader.ts). after-start: it loads once /healthz has said 200 (so a readiness probe is not held up by
  // it), or a second after start when nothing asks; an engine that cannot load is then as fatal as with start.
  let loadStarted = config.engineLoad !== 'after-start';
  function loadInBackground(): void {
    if (loadStarted) return;
    loadStarted = true;
    loadEngine().then(
      () => flushCompileCache(),
      async (err: unknown) => {
        logger.fatal({ err }, 'could not load the engine');
        await coach.stop(0).catch(() => undefined);
        process.exit(1);
      },
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await coach.stop();
      await store.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  // Bolt answers requests independently of our listeners; a stray rejection is logged, never fatal.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  try {
    await coach.start();
    flushCompileCache(); // now, not at exit: a killed process would lose it
  } catch (err) {
    logger.fatal({ err }, 'could not start');
    await store.close().catch(() => undefined);
    process.exit(1);
  }
  setTimeout(loadInBackground, 1_000).unref();
}

await main();
