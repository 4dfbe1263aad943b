// The only file with side effects: read .env and the environment, build the logger, store and rewriter, start the
// app, and stop it cleanly on SIGTERM / SIGINT.
import { createApp } from './app.ts';
import { ConfigError, loadConfig, loadDotenv } from './config.ts';
import { createRewriter } from './llm/index.ts';
import { createLogger } from './logger.ts';
import { createStore } from './store/index.ts';

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

  const logger = createLogger({ level: config.logLevel });
  const store = await createStore(config, logger);
  const rewriter = createRewriter(config.llm, { store, logger });
  const coach = createApp(config, { store, logger, rewriter });

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
  } catch (err) {
    logger.fatal({ err }, 'could not start');
    await store.close().catch(() => undefined);
    process.exit(1);
  }
}

await main();
