// pino JSON lines, plus an adapter that fits Bolt's logger interface. Two promises hold at every level:
// no tokens or secrets, and no message text (Slack payloads carry it in `text`, `blocks`, and so on).
import { pino, stdSerializers, type DestinationStream, type Logger as Pino } from 'pino';
import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import type { LogLevelName } from './config.ts';

export type { Pino };

/** Keys whose values are never logged, wherever they appear: credentials and anything that can hold message text. */
const SENSITIVE_KEYS = [
  'token', 'bot_token', 'botToken', 'user_token', 'access_token', 'refresh_token', 'app_token', 'appToken',
  'secret', 'client_secret', 'clientSecret', 'signing_secret', 'signingSecret', 'stateSecret', 'apiKey', 'api_key',
  'authorization', 'Authorization', 'password', 'cookie',
  'text', 'blocks', 'attachments', 'draft', 'rewrite', 'messages', 'payload', 'body',
];
const SENSITIVE_KEY = /token|secret|authori[sz]ation|password|cookie|api_?key|^(text|blocks|attachments|draft|rewrite|messages|view|payload|body|message|context)$/i;
const CENSOR = '[redacted]';
/**
 * Strings that look like a token or key, in case one arrives under an innocent name or inside a string, and the
 * one-time OAuth code in a logged redirect URL.
 */
const TOKEN_PATTERN = /\b(xox[abpre]|xapp)-[\w-]+|\bsk-[\w-]{8,}|\bBearer\s+[\w.-]+|(?<=[?&](code|token)=)[^&\s]+/g;

export interface LoggerOptions {
  level: LogLevelName;
}

/** JSON lines to stdout, or to `destination` (tests pass a stream that collects lines). */
export function createLogger({ level }: LoggerOptions, destination?: DestinationStream): Pino {
  const logger = pino(
    {
      level,
      // The shapes our own code logs are censored here; deeper, unknown shapes go through scrubObject. Not pino's
      // `redact` option: with wildcard paths it cloned and walked every logged object and every child logger's
      // bindings (about 75 kB allocated per call, a fifth of all allocation under load; issue 10).
      formatters: { log: censorKeys },
      serializers: { err: (error: unknown) => serializeError(error) },
    },
    destination,
  );
  // Child bindings skip formatters.log; children inherit this child() from the root, so every level is covered.
  const child = logger.child;
  logger.child = function censoredChild(this: Pino, bindings, options) {
    return child.call(this, censorKeys(bindings), options);
  } as Pino['child'];
  return logger;
}

const SENSITIVE = new Set(SENSITIVE_KEYS);

/**
 * The value under a sensitive key, at the top or up to two levels down (what pino's `key`, `*.key`, `*.*.key`
 * paths would redact), becomes `[redacted]`. Copies only the objects it changes; Errors are left to serializeError.
 */
export function censorKeys<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || value instanceof Error || depth > 2) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const censored = SENSITIVE.has(key) ? CENSOR : censorKeys(item, depth + 1);
    if (censored === item) continue;
    copy ??= (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
    copy[key] = censored;
  }
  return (copy ?? value) as T;
}

/**
 * Errors keep what helps debugging (type, message, stack, code, Slack's error code, HTTP status, retry-after)
 * and lose the rest: web-api errors carry the request (with its token and text) in nested fields.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubString(String(error)) };
  const base = stdSerializers.err(error);
  const fields = error as Error & { code?: unknown; statusCode?: unknown; retryAfter?: unknown; data?: { error?: unknown } };
  const message = scrubString(error.message);
  return {
    type: base.type,
    message,
    // The stack repeats the message on its first line: swap in the scrubbed one and keep the frames.
    stack: base.stack?.replace(error.message, () => message).replace(TOKEN_PATTERN, CENSOR),
    code: fields.code,
    statusCode: fields.statusCode,
    retryAfter: fields.retryAfter,
    slackError: typeof fields.data?.error === 'string' ? fields.data.error : undefined,
    cause: error.cause === undefined || depth >= 3 ? undefined : serializeError(error.cause, depth + 1),
  };
}

/**
 * Where a log string starts to carry a payload: JSON, a quoted fragment (V8's JSON.parse errors quote the input),
 * or the "body: ..." / "data: ..." / "WebSocket: ..." tails that Bolt, web-api and socket-mode put in debug lines.
 */
const PAYLOAD_START = /[{["]|\b(body|data|payload|storedResponse|message|buffer|WebSocket):\s/;

/** Keeps the prose of a log line and replaces any payload in it with its length. */
export function scrubString(line: string): string {
  const match = PAYLOAD_START.exec(line);
  if (!match) return line.replace(TOKEN_PATTERN, CENSOR);
  const cut = match.index + (match[0].length > 1 ? match[0].length : 0);
  return `${line.slice(0, cut).replace(TOKEN_PATTERN, CENSOR)}[${line.length - cut} chars omitted]`;
}

/** Deep copy with sensitive keys censored and strings scrubbed; bounded so a cyclic or huge object cannot hurt. */
export function scrubObject(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value instanceof Error) return serializeError(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 5) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => scrubObject(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SENSITIVE_KEY.test(key) ? CENSOR : scrubObject(item, depth + 1)]),
  );
}

const TO_BOLT_LEVEL: Record<string, string> = {
  trace: 'debug', debug: 'debug', info: 'info', warn: 'warn', error: 'error', fatal: 'error', silent: 'error',
};

/**
 * Bolt, web-api, socket-mode and oauth call `logger.error('Slack API error: ...', error)` with varargs, and at
 * debug level they log request bodies, responses and socket frames. This maps the varargs onto pino's
 * (object, message) with Errors kept, and scrubs every argument so no token or message text gets through.
 */
export function toBoltLogger(base: Pino): BoltLogger {
  let named = base;
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    if (!named.isLevelEnabled(level)) return;
    const errors = args.filter((arg): arg is Error => arg instanceof Error);
    const details = args.filter((arg) => arg !== null && typeof arg === 'object' && !(arg instanceof Error));
    const words = args.filter((arg) => arg === null || typeof arg !== 'object').map((arg) => scrubString(String(arg)));
    const fields: Record<string, unknown> = {};
    if (errors[0]) fields.err = errors[0];
    if (errors.length > 1) fields.errors = errors.slice(1).map((error) => serializeError(error));
    if (details.length > 0) fields.details = details.map((detail) => scrubObject(detail));
    named[level](fields, words.join(' '));
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (level) => {
      named.level = level;
    },
    getLevel: () => (TO_BOLT_LEVEL[named.level] ?? 'info') as BoltLogLevel,
    setName: (name) => {
      // Level is per child in pino, so carry it over.
      named = base.child({ name }, { level: named.level });
    },
  };
}
