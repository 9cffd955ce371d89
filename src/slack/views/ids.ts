/**
 * Every callback_id, block_id, action_id and option value the views emit. Listeners match on
 * these constants only; changing a value breaks open modals and old messages, so add rather than rename.
 */

export const CALLBACK = {
  connect: 'zoom_connect',
  connectResult: 'zoom_connect_result',
  forward: 'zoom_forward',
  settings: 'zoom_settings',
  disconnect: 'zoom_disconnect',
  newMeeting: 'zoom_new_meeting',
  usersList: 'zoom_users_list',
} as const;

/** Global shortcuts (manifest.yml `features.shortcuts`). */
export const SHORTCUT = {
  newMeeting: 'new_zoom_meeting',
} as const;

export const BLOCK = {
  // Connect modal (input blocks: their values come back in view.state.values)
  connectScope: 'connect_scope',
  connectOrgPath: 'connect_org_path',
  connectRecipient: 'connect_recipient',
  connectNote: 'connect_note',
  // Forward modal
  forwardRecipient: 'forward_recipient',
  // Settings modal
  settingsOptions: 'settings_options',
  // Disconnect modal
  disconnectChoice: 'disconnect_choice',
  disconnectConfirm: 'disconnect_confirm',
  // New meeting modal
  meetingTopic: 'meeting_topic',
  meetingDate: 'meeting_date',
  meetingTime: 'meeting_time',
  meetingDuration: 'meeting_duration',
  meetingInvitees: 'meeting_invitees',
  meetingChannel: 'meeting_channel',
  // Connected-users modal
  usersSearch: 'users_search',
  // Messages and Home (unique per surface)
  memberActions: 'member_actions',
  orgActions: 'org_actions',
  settingsActions: 'settings_actions',
  usersFilter: 'users_filter',
  usersPager: 'users_pager',
  approvalActions: 'approval_actions',
  parkedActions: 'parked_actions',
  resultLink: 'result_link',
  meetingJoin: 'meeting_join',
  meetingAgain: 'meeting_again',
  alertActions: 'alert_actions',
} as const;

export const ACTION = {
  // Connect modal
  connectScope: 'connect_scope_choice',
  connectOrgPath: 'connect_org_path_choice',
  connectRecipient: 'connect_recipient_pick',
  connectNote: 'connect_note_text',
  /** The link button in the connect-result modal (a URL button: only ack it). */
  openLink: 'open_zoom_link',
  forwardRecipient: 'forward_recipient_pick',
  settingsOptions: 'settings_options_check',
  disconnectChoice: 'disconnect_choice_pick',
  disconnectConfirm: 'disconnect_confirm_check',
  meetingTopic: 'meeting_topic_text',
  meetingDate: 'meeting_date_pick',
  meetingTime: 'meeting_time_pick',
  meetingDuration: 'meeting_duration_pick',
  meetingInvitees: 'meeting_invitees_pick',
  meetingChannel: 'meeting_channel_pick',
  usersSearch: 'users_search_text',
  // Buttons on messages and Home. Value notes in parentheses.
  connectPersonal: 'connect_personal', // opens the Connect modal on the personal path
  connectOrg: 'connect_org', // opens the Connect modal on the organization path (admins)
  openDisconnect: 'open_disconnect', // opens the Disconnect modal
  disconnectPersonal: 'disconnect_personal', // opens the Disconnect modal preselected on personal
  optOut: 'opt_out', // opens the Disconnect modal preselected on opt-out
  optIn: 'opt_in', // opens the Disconnect modal preselected on opt-in
  newMeeting: 'new_meeting', // opens the New meeting modal
  openSettings: 'open_settings',
  approveInZoom: 'approve_in_zoom', // URL button (value: request id); only ack it
  declineRequest: 'decline_request', // (value: request id)
  forwardRequest: 'forward_request', // opens the Forward modal (value: request id)
  resendRequest: 'resend_request', // (value: request id)
  cancelRequest: 'cancel_request', // (value: request id)
  confirmParked: 'confirm_parked', // "Use this account" / "Switch" (value: request id)
  cancelParked: 'cancel_parked', // (value: request id)
  usersFilter: 'users_filter_pick', // static_select; selected option value is a UserFilter
  usersPrev: 'users_prev', // (value: encodeUsersPage(...))
  usersNext: 'users_next', // (value: encodeUsersPage(...))
  usersOpenList: 'users_open_list', // opens the connected-users modal with its search (value: a UserFilter)
  joinMeeting: 'join_meeting', // URL button; only ack it
  cancelMeeting: 'cancel_meeting', // with a confirm dialog (value: Zoom meeting id)
  createAgain: 'create_meeting_again', // opens the New meeting modal prefilled (value: Zoom meeting id)
} as const;

/** Option values of the radio buttons and checkboxes. */
export const CONNECT_SCOPE = { org: 'org', personal: 'personal' } as const;
export const ORG_PATH = { self: 'self', send: 'send' } as const;
export const SETTINGS_OPTION = {
  autoStartSummary: 'auto_start_summary',
  allowUserOptOut: 'allow_user_opt_out',
} as const;
export const DISCONNECT_CHOICE = {
  personal: 'personal',
  optOut: 'opt_out',
  optIn: 'opt_in',
  org: 'org',
} as const;
export const CONFIRM_VALUE = 'confirm';

export type ConnectScope = (typeof CONNECT_SCOPE)[keyof typeof CONNECT_SCOPE];
export type OrgPath = (typeof ORG_PATH)[keyof typeof ORG_PATH];
export type DisconnectChoice = (typeof DISCONNECT_CHOICE)[keyof typeof DISCONNECT_CHOICE];

/** Blocks repeated per item (one per pending request) get this prefix plus the item id. */
export const REQUEST_BLOCK_PREFIX = 'request:';
/** One block per upcoming meeting (list, Home): this prefix plus the Zoom meeting id. */
export const MEETING_BLOCK_PREFIX = 'meeting:';
