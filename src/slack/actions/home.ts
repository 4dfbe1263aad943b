// Settings buttons on App Home: mute (indefinitely or for today) and unmute; the Home tab is then re-published.
import type { SlackDeps } from '../deps.ts';
import { publishHome } from '../events/home.ts';
import { endOfUtcDay } from '../time.ts';
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
