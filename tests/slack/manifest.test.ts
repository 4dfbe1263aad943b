// manifest.yml against the real registrations (registerListeners run on a recording App) and the real views:
// every command, shortcut and event registered is declared, and everything declared is registered.
import { readdirSync, readFileSync } from 'node:fs';
import type { App } from '@slack/bolt';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyze, OPERATING_POINTS, RULE_IDS } from '../../src/engine/index.ts';
import type { SlackDeps } from '../../src/slack/deps.ts';
import { BOT_SCOPES } from '../../src/slack/ids.ts';
import { EVENT_SUBSCRIPTIONS, registerListeners } from '../../src/slack/register.ts';
import { coachingMessage } from '../../src/slack/views/coaching.ts';
import { homeView } from '../../src/slack/views/home.ts';
import { coachModal, detailModal } from '../../src/slack/views/modals.ts';
import { nudgeMessage } from '../../src/slack/views/nudge.ts';

const manifestText = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
const manifest = parse(manifestText);

function recordRegistrations() {
  const seen = { commands: [] as string[], events: [] as string[], shortcuts: [] as any[], views: [] as any[], actions: [] as any[] };
  const recorder = {
    command: (id: string) => seen.commands.push(id),
    event: (name: string) => seen.events.push(name),
    shortcut: (constraints: unknown) => seen.shortcuts.push(constraints),
    view: (constraints: unknown) => seen.views.push(constraints),
    action: (constraints: unknown) => seen.actions.push(constraints),
  };
  registerListeners(recorder as unknown as App, {} as SlackDeps);
  return seen;
}

const registered = recordRegistrations();

/** Every action_id on every button the app can show. */
function actionIdsInViews(): Set<string> {
  const analysis = analyze("Sure, we'll try to squeeze SSO in by Friday.");
  const coaching = coachingMessage({ draft: 'x', analysis, rewrite: { text: 'y', source: 'rules', assumptions: [] } }, 'ok');
  const counts = Object.fromEntries(RULE_IDS.map((r) => [r, 0])) as Record<(typeof RULE_IDS)[number], number>;
  const tallies = Object.fromEntries(RULE_IDS.map((r, i) => [r, { step: i, helpful: 0, notHelpful: 0 }])) as any;
  const surfaces = [
    coaching.blocks,
    nudgeMessage(analysis, { channel: 'C1', ts: '1.2' }).blocks,
    homeView({ settings: { muted: false }, counts, tallies, points: OPERATING_POINTS, now: 0 }).blocks,
    homeView({ settings: { muted: true }, counts, tallies, points: OPERATING_POINTS, now: 0 }).blocks,
    coachModal('x', coaching.blocks).blocks,
    detailModal(['sure-well-try']).blocks,
  ];
  const ids = new Set<string>();
  for (const blocks of surfaces) {
    for (const block of blocks as any[]) {
      for (const element of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]) if (element.action_id) ids.add(element.action_id);
    }
  }
  return ids;
}

describe('manifest.yml', () => {
  it('declares exactly the slash commands the code registers', () => {
    expect(manifest.features.slash_commands.map((c: any) => c.command).sort()).toEqual([...registered.commands].sort());
    for (const command of manifest.features.slash_commands) expect(command.usage_hint).toBeTruthy();
  });

  it('declares exactly the message shortcuts the code registers', () => {
    const declared = manifest.features.shortcuts.map((s: any) => `${s.type}:${s.callback_id}`).sort();
    const code = registered.shortcuts.map((s) => `${s.type === 'message_action' ? 'message' : 'global'}:${s.callback_id}`).sort();
    expect(declared).toEqual(code);
  });

  it('subscribes to exactly the events the code listens to', () => {
    const needed = registered.events.flatMap((name) => {
      const subscriptions = EVENT_SUBSCRIPTIONS[name];
      expect(subscriptions, `EVENT_SUBSCRIPTIONS lacks ${name}`).toBeDefined();
      return subscriptions!;
    });
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...new Set(needed)].sort());
  });

  it('asks for the fewest scopes that work, each one used', () => {
    const scopeForEvent: Record<string, string> = {
      'message.channels': 'channels:history',
      'message.groups': 'groups:history',
      'message.im': 'im:history',
    };
    const expected = new Set(['chat:write']);
    if (registered.commands.length + registered.shortcuts.length > 0) expected.add('commands');
    for (const event of manifest.settings.event_subscriptions.bot_events) if (scopeForEvent[event]) expected.add(scopeForEvent[event]!);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...expected].sort());
    // ...and the OAuth install asks for the same ones.
    expect([...BOT_SCOPES].sort()).toEqual([...expected].sort());
  });

  it('declares a scope for every Web API method the code calls, and says which scope covers conversations.replies', () => {
    // From each method's page on docs.slack.dev. Reads happen in public and private channels (nudges), so both.
    const scopesFor: Record<string, string[]> = {
      'chat.postEphemeral': ['chat:write'],
      'chat.postMessage': ['chat:write'],
      'chat.update': ['chat:write'],
      'conversations.history': ['channels:history', 'groups:history'],
      'conversations.replies': ['channels:history', 'groups:history'],
      'views.open': [],
      'views.push': [],
      'views.update': [],
      'views.publish': [],
    };
    const sourceDir = new URL('../../src/', import.meta.url);
    const files = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const called = new Set<string>();
    for (const file of files) {
      const source = readFileSync(new URL(file, sourceDir), 'utf8');
      for (const [, family, method] of source.matchAll(/\.(chat|conversations|views|users|reactions|files|team|oauth)\.(\w+)\(/g)) {
        called.add(`${family}.${method}`);
      }
    }
    expect(called).toContain('conversations.replies');
    for (const method of called) {
      expect(scopesFor[method], `add ${method} and its scopes (docs.slack.dev) to this table`).toBeDefined();
      for (const scope of scopesFor[method]!) expect(manifest.oauth_config.scopes.bot).toContain(scope);
    }
    // The comments say it: conversations.replies needs no scope of its own.
    expect(manifestText).toMatch(/conversations\.replies[^\n]*\n[^\n]*same \*:history scope/);
    expect(manifestText).toMatch(/- channels:history #[^\n]*replies/);
  });

  it('has interactivity on (buttons, modal, shortcut), App Home with a messages tab, and Socket Mode on', () => {
    expect(registered.actions.length + registered.views.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('every button the app shows has a listener, and every button listener has a button', () => {
    const listened = new Set(registered.actions.map((a) => a.action_id));
    expect([...actionIdsInViews()].sort()).toEqual([...listened].sort());
  });

  it('every modal that can be submitted has a submission listener', () => {
    const submittable = [coachModal()].filter((v) => v.submit).map((v) => v.callback_id);
    expect(registered.views.map((v) => v.callback_id).sort()).toEqual(submittable.sort());
  });
});

