// Buttons on App Home: mute (indefinitely or for today) and unmute, "Forget me", and resetting a rule's nudge bar
// in the workspace; the Home tab is then re-published.
import type { SlackDeps } from '../deps.ts';
import { publishHome } from '../events/home.ts';
import { forgetMe } from '../forget-me.ts';
import { endOfUtcDay } from '../time.ts';
import { decodeRules } from '../views/blocks.ts';
import { forgottenSummary } from '../views/replies.ts';
import { ruleTitle } from '../views/rule-guide.ts';
import type { ButtonArgs } from './coaching.ts';

type Change = 'mute' | 'mute-today' | 'unmute';

export function homeSettingAction(deps: SlackDeps, change: Change) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const team = body.team?.id ?? body.user.team_id ?? '';
    const user = body.user.id;
    try {
      if (change === 'unmute') await deps.store.unmuteUser(team, user);
      else await deps.store.muteUser(team, user, change === 'mute' ? null : endOfUtcDay(deps.now()));
      await publishHome(deps, client, team, user);
    } catch (error) {
      deps.logger.warn({ err: error, surface: 'home', team, user, change }, 'home setting failed');
    }
  };
}

export function homeForgetMeAction(deps: SlackDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const team = body.team?.id ?? body.user.team_id ?? '';
    const user = body.user.id;
    try {
      const forgotten = await forgetMe(deps, team, user);
      // A Home tab button has no reply of its own: what was deleted is shown at the top of the tab.
      await publishHome(deps, client, team, user, forgottenSummary(forgotten));
    } catch (error) {
      deps.logger.warn({ err: error, surface: 'home', team, user }, 'forget me failed');
      await publishHome(deps, client, team, user, 'Sorry, I could not delete your data just now. Please try again in a minute.').catch(() => undefined);
    }
  };
}

/** Anyone in the workspace may reset a rule: the state is shared, shown to everyone, and the reset is logged. */
export function homeResetRuleAction(deps: SlackDeps) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const team = body.team?.id ?? body.user.team_id ?? '';
    const user = body.user.id;
    const [rule] = decodeRules(action.value);
    if (!rule) return;
    try {
      await deps.store.setRuleStep(team, rule, 0);
      deps.logger.info({ surface: 'tuning', team, user, rule }, 'rule nudge bar reset in this workspace');
      await publishHome(deps, client, team, user, `*${ruleTitle(rule)}* is back at the usual bar for everyone here, and its ratings start again.`);
    } catch (error) {
      deps.logger.warn({ err: error, surface: 'home', team, user, rule }, 'rule reset failed');
    }
  };
}
