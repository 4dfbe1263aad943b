// Every command, action_id, callback_id and event the app answers. register.ts wires them; the manifest test
// checks them against manifest.yml in both directions.
export const COMMAND = '/tradeoff';

export const ACTION = {
  detail: 'coach_detail',
  helpful: 'coach_helpful',
  notHelpful: 'coach_not_helpful',
  nudgeShowRewrite: 'nudge_show_rewrite',
  nudgeMuteToday: 'nudge_mute_today',
  nudgeNotHelpful: 'nudge_not_helpful',
  homeMute: 'home_mute',
  homeMuteToday: 'home_mute_today',
  homeUnmute: 'home_unmute',
  homeForgetMe: 'home_forget_me',
  homeResetRule: 'home_reset_rule',
} as const;

/** The message shortcut "Coach this message". */
export const SHORTCUT = { coachMessage: 'coach_message' } as const;

/** Modal callback ids: the coaching modal (submission) and the read-only detail modal. */
export const VIEW = { coach: 'coach_modal', detail: 'coach_detail_modal' } as const;

/** Bot scopes requested at install (OAuth mode); the manifest test keeps manifest.yml's list equal to this one. */
export const BOT_SCOPES = ['commands', 'chat:write', 'channels:history', 'groups:history', 'im:history'] as const;
