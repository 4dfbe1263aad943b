// Uninstall and revoked tokens: forget everything kept for the workspace (settings, counts, feedback).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';

export function appUninstalled(deps: SlackDeps) {
  return async ({ body }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_uninstalled'>): Promise<void> => {
    await deps.store.deleteWorkspace(body.team_id);
    deps.logger.info({ team: body.team_id }, 'app uninstalled; workspace data deleted');
  };
}

export function tokensRevoked(deps: SlackDeps) {
  return async ({ event, body }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'tokens_revoked'>): Promise<void> => {
    // Only the bot token matters to us; a revoked user token (we never ask for one) changes nothing.
    if ((event.tokens.bot ?? []).length === 0) return;
    await deps.store.deleteWorkspace(body.team_id);
    deps.logger.info({ team: body.team_id }, 'bot token revoked; workspace data deleted');
  };
}
