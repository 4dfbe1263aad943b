// App Home: published when the person opens the Home tab, and again after they change a setting there.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { loadEngine } from '../../engine-loader.ts';
import type { SlackDeps } from '../deps.ts';
import { lastDays } from '../time.ts';
import { homeView } from '../views/home.ts';

/** `notice`: a line shown once at the top (safe mrkdwn), e.g. what "Forget me" deleted. */
export async function publishHome(deps: SlackDeps, client: WebClient, team: string, user: string, notice?: string): Promise<void> {
  const now = deps.now();
  const [settings, counts, tallies, { OPERATING_POINTS: points }] = await Promise.all([
    deps.store.getUserSettings(team, user, now),
    deps.store.countFindings(team, user, lastDays(now, 30)),
    deps.store.getRuleTallies(team),
    loadEngine(), // each rule's bar starts at the engine's nudge point
  ]);
  await client.views.publish({ user_id: user, view: homeView({ settings, counts, tallies, points, now, notice }) });
}

export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(deps, client, body.team_id, event.user);
    } catch (error) {
      deps.logger.warn({ err: error, surface: 'home', team: body.team_id, user: event.user }, 'could not publish App Home');
    }
  };
}
