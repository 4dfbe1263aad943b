// The one place that wires every listener. The manifest test runs this against a recording App, so what is
// registered here and what manifest.yml declares cannot drift apart.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { detailAction, feedbackAction, type ButtonArgs } from './actions/coaching.ts';
import { homeForgetMeAction, homeResetRuleAction, homeSettingAction } from './actions/home.ts';
import { muteTodayAction, nudgeNotHelpfulAction, showRewriteAction } from './actions/nudge.ts';
import { tradeoffCommand } from './commands/tradeoff.ts';
import type { SlackDeps } from './deps.ts';
import { appHomeOpened } from './events/home.ts';
import { appUninstalled, tokensRevoked } from './events/lifecycle.ts';
import { messageEvent } from './events/messages.ts';
import { ACTION, COMMAND, SHORTCUT, VIEW } from './ids.ts';
import { coachModalSubmit } from './modals/coach-modal.ts';
import { coachMessageShortcut } from './shortcuts/coach-message.ts';

export function registerListeners(app: App, deps: SlackDeps): void {
  const onButton = (actionId: string, listener: (args: ButtonArgs) => Promise<void>) =>
    app.action<BlockAction<ButtonAction>>({ action_id: actionId, type: 'block_actions' }, listener);

  app.command(COMMAND, tradeoffCommand(deps));

  app.event('message', messageEvent(deps));
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('app_uninstalled', appUninstalled(deps));
  app.event('tokens_revoked', tokensRevoked(deps));

  app.shortcut({ callback_id: SHORTCUT.coachMessage, type: 'message_action' }, coachMessageShortcut(deps));

  app.view({ callback_id: VIEW.coach, type: 'view_submission' }, coachModalSubmit(deps));

  onButton(ACTION.detail, detailAction(deps));
  onButton(ACTION.helpful, feedbackAction(deps, true));
  onButton(ACTION.notHelpful, feedbackAction(deps, false));
  onButton(ACTION.nudgeShowRewrite, showRewriteAction(deps));
  onButton(ACTION.nudgeMuteToday, muteTodayAction(deps));
  onButton(ACTION.nudgeNotHelpful, nudgeNotHelpfulAction(deps));
  onButton(ACTION.homeMute, homeSettingAction(deps, 'mute'));
  onButton(ACTION.homeMuteToday, homeSettingAction(deps, 'mute-today'));
  onButton(ACTION.homeUnmute, homeSettingAction(deps, 'unmute'));
  onButton(ACTION.homeForgetMe, homeForgetMeAction(deps));
  onButton(ACTION.homeResetRule, homeResetRuleAction(deps));
}

/** Which Events API subscriptions (manifest bot_events) each registered event needs. */
export const EVENT_SUBSCRIPTIONS: Record<string, readonly string[]> = {
  message: ['message.channels', 'message.groups', 'message.im'],
  app_home_opened: ['app_home_opened'],
  app_uninstalled: ['app_uninstalled'],
  tokens_revoked: ['tokens_revoked'],
};
