// A fake Slack Web API on 127.0.0.1: `/api/<method>` for the WebClient (SLACK_API_URL) and `/resp/<id>` for
// response_urls. It records every call, checks Block Kit limits the way Slack does (invalid_blocks), and can be
// told to answer 429 / 500 / ok:false for the next calls to a method. For Socket Mode, apps.connections.open
// points at a minimal WebSocket endpoint on the same port that says hello, sends envelopes and records acks.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface SlackCall {
  /** Web API method ("chat.postEphemeral") or "response_url". */
  method: string;
  /** Parsed arguments: form fields with JSON fields (blocks, view) decoded, or the JSON body. */
  args: Record<string, any>;
  /** The raw request body as sent. */
  raw: string;
  /** For response_url calls: which one. */
  responseId?: string;
  authorization?: string;
}

export type ScriptedReply =
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | { error: string };

export interface HistoryMessage {
  ts: string;
  user: string;
  text: string;
  /** For a thread reply: its parent's ts. */
  thread_ts?: string;
}

const BOT = { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test', user: 'tradeoff-coach' };

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** Limit violations seen (each also answered with ok:false invalid_blocks). */
  readonly violations: string[] = [];
  private readonly scripts = new Map<string, ScriptedReply[]>();
  private readonly history = new Map<string, HistoryMessage[]>();
  private readonly responseUses = new Map<string, number>();
  private readonly delays = new Map<string, number>();
  private readonly sockets = new Set<Duplex>();
  /** Messages the app sent over Socket Mode (envelope acks), parsed. */
  readonly socketMessages: Record<string, any>[] = [];
  private nextTs = 1_700_000_000;
  private nextResponseId = 1;

  private readonly server: Server;
  readonly origin: string;

  private constructor(server: Server, origin: string) {
    this.server = server;
    this.origin = origin;
  }

  static async start(): Promise<FakeSlack> {
    let fake!: FakeSlack;
    const server = createServer((req, res) => void fake.handle(req, res));
    server.on('upgrade', (req, socket) => fake.upgrade(req, socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** For SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A fresh response_url (Slack allows 5 uses each). */
  responseUrl(): string {
    return `${this.origin}/resp/${this.nextResponseId++}`;
  }

  /** The next `times` calls to `method` get `reply` ("response_url" scripts response_url posts). */
  failNext(method: string, reply: ScriptedReply, times = 1): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...Array.from({ length: times }, () => reply)]);
  }

  /** Answers every call to `method` ("response_url" for response_urls) only after `ms`; 0 turns it off. */
  delay(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  /**
   * A channel's messages. conversations.history returns the channel's own (newest first); conversations.replies
   * returns a thread as Slack does: the parent first, then its replies oldest first, within oldest/latest.
   */
  setHistory(channel: string, messages: HistoryMessage[]): void {
    this.history.set(channel, messages);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Every call except the start-up auth.test. */
  get effects(): SlackCall[] {
    return this.calls.filter((c) => c.method !== 'auth.test');
  }

  /** Waits until `method` has been called `count` times; fails with what was called instead. */
  async waitFor(method: string, count = 1, timeoutMs = 5000): Promise<SlackCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.callsTo(method);
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`expected ${count} call(s) to ${method}; got: ${this.calls.map((c) => c.method).join(', ') || 'none'}`);
  }

  reset(): void {
    this.calls.length = 0;
    this.violations.length = 0;
    this.scripts.clear();
    this.delays.clear();
  }

  /** Sends a Socket Mode envelope to every connected app. */
  sendEnvelope(envelope: Record<string, unknown>): void {
    for (const socket of this.sockets) writeFrame(socket, 0x1, Buffer.from(JSON.stringify(envelope)));
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // RFC 6455, just enough for a Socket Mode client: handshake, text frames, ping/pong and close.
  private upgrade(req: IncomingMessage, socket: Duplex): void {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let frame = readFrame(pending); frame; frame = readFrame(pending)) {
        pending = pending.subarray(frame.size);
        if (frame.opcode === 0x1) this.socketMessages.push(JSON.parse(frame.data.toString('utf8')));
        if (frame.opcode === 0x9) writeFrame(socket, 0xa, frame.data);
        if (frame.opcode === 0x8) {
          writeFrame(socket, 0x8, frame.data);
          socket.end();
        }
      }
    });
    writeFrame(socket, 0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { approximate_connection_time: 3600 } })));
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', this.origin).pathname;
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };

    const delayMs = this.delays.get(path.startsWith('/resp/') ? 'response_url' : path.replace(/^\/api\//, '')) ?? 0;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));

    if (path.startsWith('/resp/')) {
      const id = path.slice('/resp/'.length);
      const args = JSON.parse(raw || '{}');
      this.calls.push({ method: 'response_url', args, raw, responseId: id });
      const uses = (this.responseUses.get(id) ?? 0) + 1;
      this.responseUses.set(id, uses);
      const scripted = this.scripts.get('response_url')?.shift();
      if (scripted && 'status' in scripted) return json(scripted.status, { ok: false });
      if (scripted) return json(404, { ok: false, error: scripted.error });
      if (uses > 5) return json(404, { ok: false, error: 'used_too_many_times' });
      const problems = checkMessage(args, 50);
      if (problems.length > 0) {
        this.violations.push(...problems);
        return json(400, { ok: false, error: 'invalid_blocks' });
      }
      return json(200, { ok: true });
    }

    const method = path.replace(/^\/api\//, '');
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    this.calls.push({ method, args, raw, authorization: req.headers.authorization });

    const scripted = this.scripts.get(method)?.shift();
    if (scripted && 'status' in scripted && scripted.status === 429) {
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(scripted.retryAfter) });
    }
    if (scripted && 'status' in scripted) return json(scripted.status, { ok: false, error: 'internal_error' });
    if (scripted && 'error' in scripted) return json(200, { ok: false, error: scripted.error });

    const problems =
      method.startsWith('views.') ? checkView(args.view) : method.startsWith('chat.') ? checkMessage(args, 50) : [];
    if (problems.length > 0) {
      this.violations.push(...problems.map((p) => `${method}: ${p}`));
      return json(200, { ok: false, error: 'invalid_blocks' });
    }
    json(200, this.answer(method, args));
  }

  private answer(method: string, args: Record<string, any>): Record<string, unknown> {
    const ts = () => `${this.nextTs++}.000100`;
    switch (method) {
      case 'auth.test':
        return { ok: true, ...BOT };
      case 'oauth.v2.access': {
        // The install's code names the workspace ("code-T2"), so one fake serves several workspaces.
        const team = /^code-(\w+)$/.exec(String(args.code))?.[1] ?? 'T1';
        return {
          ok: true, app_id: 'A1', token_type: 'bot', access_token: `xoxb-${team}-installed`, scope: 'commands,chat:write',
          bot_user_id: 'UBOT', team: { id: team, name: `Team ${team}` }, enterprise: null, is_enterprise_install: false,
          authed_user: { id: 'UINSTALLER' },
        };
      }
      case 'apps.connections.open':
        return { ok: true, url: `${this.origin.replace('http', 'ws')}/link` };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: ts(), message: { text: args.text } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts() };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: args.view_id ?? 'V1', ...args.view } };
      case 'conversations.history': {
        const messages = (this.history.get(args.channel) ?? []).filter((m) => !m.thread_ts && (!args.latest || m.ts <= args.latest));
        return { ok: true, messages: messages.reverse().slice(0, Number(args.limit ?? 100)), has_more: false };
      }
      case 'conversations.replies': {
        const all = this.history.get(args.channel) ?? [];
        const parent = all.find((m) => m.ts === args.ts);
        if (!parent) return { ok: false, error: 'thread_not_found' };
        const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
        const within = (ts: string) =>
          (!args.oldest || (inclusive ? Number(ts) >= Number(args.oldest) : Number(ts) > Number(args.oldest))) &&
          (!args.latest || (inclusive ? Number(ts) <= Number(args.latest) : Number(ts) < Number(args.latest)));
        const replies = all.filter((m) => m.thread_ts === args.ts && m.ts !== args.ts && within(m.ts)).sort((a, b) => Number(a.ts) - Number(b.ts));
        const limit = Number(args.limit ?? 1000);
        return { ok: true, messages: [parent, ...replies].slice(0, limit), has_more: replies.length + 1 > limit };
      }
      default:
        return { ok: true };
    }
  }
}

function writeFrame(socket: Duplex, opcode: number, data: Buffer): void {
  const length = data.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65_536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(length)); return b; })()]);
  socket.write(Buffer.concat([header, data]));
}

/** One complete client frame at the start of `buffer` (clients always mask), or undefined until it has arrived. */
function readFrame(buffer: Buffer): { opcode: number; data: Buffer; size: number } | undefined {
  if (buffer.length < 2) return undefined;
  const opcode = buffer[0]! & 0x0f;
  const masked = (buffer[1]! & 0x80) !== 0;
  let length = buffer[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const maskSize = masked ? 4 : 0;
  if (buffer.length < offset + maskSize + length) return undefined;
  const mask = buffer.subarray(offset, offset + maskSize);
  const data = Buffer.from(buffer.subarray(offset + maskSize, offset + maskSize + length));
  if (masked) for (let i = 0; i < data.length; i++) data[i] = data[i]! ^ mask[i % 4]!;
  return { opcode, data, size: offset + maskSize + length };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseArgs(raw: string, contentType: string): Record<string, any> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}');
  const args: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

// Slack's documented limits (Block Kit reference; chat.postMessage; views.open).
function checkBlocks(blocks: unknown, maxBlocks: number, maxTotal: number): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  let total = 0;
  for (const block of blocks) {
    const text = JSON.stringify(block);
    total += text.length;
    if (block.type === 'section' && block.text?.text?.length > 3000) problems.push('section text > 3000');
    if (block.type === 'header' && block.text?.text?.length > 150) problems.push('header text > 150');
    if (block.type === 'actions' && block.elements?.length > 25) problems.push('actions > 25 elements');
    for (const el of block.elements ?? []) {
      if (el.type === 'button' && (el.text?.text?.length > 75 || (el.value ?? '').length > 2000 || el.action_id?.length > 255)) {
        problems.push('button over its limits');
      }
      if (el.type === 'mrkdwn' && el.text.length > 3000) problems.push('context text > 3000');
    }
    if (block.type === 'input' && block.element?.initial_value?.length > (block.element?.max_length ?? 3000)) {
      problems.push('input initial_value > max_length');
    }
  }
  if (total > maxTotal) problems.push(`blocks total ${total} chars > ${maxTotal} (msg_blocks_too_long)`);
  return problems;
}

function checkMessage(args: Record<string, any>, maxBlocks: number): string[] {
  const problems = checkBlocks(args.blocks, maxBlocks, 13_200);
  if (typeof args.text === 'string' && args.text.length > 40_000) problems.push('text > 40000');
  return problems;
}

function checkView(view: Record<string, any> | undefined): string[] {
  if (!view) return ['no view'];
  const problems = checkBlocks(view.blocks, 100, Infinity);
  if ((view.title?.text ?? '').length > 24) problems.push('modal title > 24');
  if ((view.private_metadata ?? '').length > 3000) problems.push('private_metadata > 3000');
  return problems;
}
