// Uninstall and revoked tokens: forget everything kept for the workspace (installation, settings, counts, feedback,
// rule tallies, cached thread parents).
// Bolt skips authorize for these two events, so they arrive even when the installation is already gone.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';

type LifecycleBody = { team_id: string; enterprise_id?: string; authorizations?: { is_enterprise_install?: boolean }[] };

async function forgetWorkspace(deps: SlackDeps, body: LifecycleBody, why: string): Promise<void> {
  const isEnterpriseInstall = body.authorizations?.[0]?.is_enterprise_install === true;
  try {
    // Through the installation store first, so this instance's cache drops the token at once.
    await deps.installations?.deleteInstallation?.({ teamId: body.team_id, enterpriseId: body.enterprise_id, isEnterpriseInstall });
    deps.threads.forgetTeam(body.team_id); // thread parents held in memory, at once
    await deps.store.deleteWorkspace(body.team_id);
    deps.logger.info({ team: body.team_id }, `${why}; workspace data deleted`);
  } catch (error) {
    // Slack already has our ack and will not send this again: say plainly what is left to do by hand.
    deps.logger.error({ err: error, team: body.team_id }, `${why}, but the workspace data could not be deleted: delete tc:<team>:* keys by hand`);
  }
}

export function appUninstalled(deps: SlackDeps) {
  return async ({ body }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_uninstalled'>): Promise<void> => {
    await forgetWorkspace(deps, body, 'app uninstalled');
  };
}

export function tokensRevoked(deps: SlackDeps) {
  return async ({ event, body }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'tokens_revoked'>): Promise<void> => {
    // Only the bot token matters to us; a revoked user token (we never ask for one) changes nothing.
    if ((event.tokens.bot ?? []).length === 0) return;
    await forgetWorkspace(deps, body, 'bot token revoked');
  };
}
