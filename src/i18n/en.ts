/**
 * English message catalog: the reference for every user-facing string of the product.
 * `MessageKey` is derived from it, so fr.ts must define exactly these keys.
 *
 * Conventions:
 * - `{name}` placeholders are filled by the translator; values are inserted as given, so views
 *   escape user-provided text for mrkdwn BEFORE passing it in.
 * - No emoji codes here (views add them), so catalogs stay plain text and mrkdwn-light.
 * - Keys used as modal title/submit/close stay ≤ 24 characters; button and option texts ≤ 75.
 */
import { adminEn } from './admin.en.js';
import { meetingsEn } from './meetings.en.js';

export const en = {
  // Common
  'common.and_more': '…and {count} more',
  'common.slack_date_format': '{date_short} at {time}',
  'common.close': 'Close',
  'common.done': 'Done',
  'common.keep': 'Keep it',
  'common.on': 'On',
  'common.off': 'Off',
  'common.not_yet': 'not yet',
  'common.unknown': 'unknown',

  // Accounts and status (DESIGN §3.1)
  'account.personal': 'personal ({email})',
  'account.org': 'organization ({email})',
  'account.org_plain': 'organization',
  'status.title': 'Your Zoom account',
  'status.using': 'Using: {account}',
  'status.backup': 'organization available as backup',
  'status.since': 'Since: {date}',
  'status.none': 'No Zoom account is active for you.',
  'status.reason.no_org_connection':
    'Zoom is not connected for your organization, and you have not connected a personal Zoom account.',
  'status.reason.org_needs_reconnect':
    'The organization’s Zoom connection stopped working and needs to be reconnected by an admin.',
  'status.reason.org_disconnected':
    'The organization’s Zoom connection was disconnected, and you have not connected a personal Zoom account.',
  'status.reason.opted_out': 'You opted out of the organization’s Zoom connection.',
  'status.reason.personal_needs_reconnect': 'Your personal Zoom connection stopped working.',
  'status.fix.connect_personal': 'Connect your personal Zoom account with `/zoom-connect personal`.',
  'status.fix.ask_admin': 'Or ask a Slack admin to connect Zoom for the whole organization.',
  'status.fix.connect_org_admin':
    'Connect Zoom for everyone with `/zoom-connect org`: a Zoom admin approves it, and every member can use it.',
  'status.fix.reconnect_org_admin':
    'Reconnect it for everyone with `/zoom-connect org`: any Zoom admin of the account can approve. Meanwhile, you can connect your personal Zoom account.',
  'status.fix.wait_admin':
    'Your Slack admins have been told. Meanwhile, you can connect your personal Zoom account.',
  'status.fix.opt_in': 'Opt back in with `/zoom-disconnect`, or connect your personal Zoom account.',
  'status.fix.reconnect_personal': 'Reconnect it with `/zoom-connect personal`.',
  'status.personal_broken_note':
    'Your personal Zoom connection needs reconnecting; meanwhile the organization connection is used.',
  'status.zoom_not_found':
    'The organization’s Zoom account has no user with your Slack email ({email}), so meetings cannot be created for you through it. Ask your Zoom admin to add you, or connect your personal Zoom account.',
  'status.opted_out_note': 'You opted out of the organization connection.',
  'status.other_title': 'Zoom account of {user}',
  'status.other_email': 'Slack email: {email}',
  'status.other_admin': 'Slack admin',
  'reason.no_org_connection': 'no organization connection and no personal one',
  'reason.org_needs_reconnect': 'the organization connection needs reconnecting',
  'reason.org_disconnected': 'the organization connection was disconnected',
  'reason.opted_out': 'opted out of the organization connection',
  'reason.personal_needs_reconnect': 'personal connection needs reconnecting',
  'status.other_none': 'No active Zoom account: {reason}.',

  // Buttons shared by several surfaces
  'button.connect_personal': 'Connect my Zoom',
  'button.reconnect_personal': 'Reconnect my Zoom',
  'button.disconnect_personal': 'Disconnect my Zoom',
  'button.opt_out': 'Stop using the organization’s Zoom',
  'button.opt_in': 'Use the organization’s Zoom again',
  'button.new_meeting': 'New meeting',
  'button.connect_org': 'Connect for the organization',
  'button.reconnect_org': 'Reconnect',
  'button.disconnect': 'Disconnect…',
  'button.edit_settings': 'Edit settings',
  'button.send_to_other_admin': 'Send to another Zoom admin',
  'button.new_link': 'Create a new link',

  // Connect modal
  'connect.title': 'Connect Zoom',
  'connect.submit.continue': 'Continue',
  'connect.submit.send': 'Send request',
  'connect.submit.get_link': 'Get my link',
  'connect.intro_admin': 'Choose how to connect Zoom in *{workspace}*.',
  'connect.intro_member':
    'Connect your own Zoom account. It is used for your meetings and takes precedence over the organization’s connection while it works.',
  'connect.scope.label': 'Connect Zoom',
  'connect.scope.org': 'For the whole organization',
  'connect.scope.org_desc': 'Every member can use Zoom without doing anything.',
  'connect.scope.personal': 'Just for me',
  'connect.scope.personal_desc': 'Your own Zoom account, used before the organization’s.',
  'connect.org_path.label': 'Who approves in Zoom?',
  'connect.org_path.self': 'I am the Zoom admin — approve now',
  'connect.org_path.send': 'Send to my Zoom admin',
  'connect.org_path.hint': 'Only a Zoom admin (Owner or Admin role in the Zoom account) can approve.',
  'connect.recipient.label': 'Zoom admin',
  'connect.recipient.placeholder': 'Pick a person',
  'connect.recipient.hint': 'They get a direct message with an approval button. You get the link too.',
  'connect.note.label': 'Note',
  'connect.note.placeholder': 'A few words for your Zoom admin',
  'connect.org_active':
    'Zoom is already connected for the organization (Zoom user {email}). A new approval hands over to the new Zoom admin without interruption.',
  'connect.org_needs_reconnect':
    'The organization’s Zoom connection needs reconnecting: a Zoom admin must approve again.',
  'connect.personal_active': 'Your personal Zoom account {email} is connected. Connecting again replaces it.',
  'connect.personal_needs_reconnect': 'Your personal Zoom connection needs reconnecting.',

  // Connect result modal
  'connect_result.title': 'Zoom link ready',
  'connect_result.org_self': 'Open the link and approve in Zoom with your Zoom admin account.',
  'connect_result.org_sent': 'The approval request was sent to {user} by direct message.',
  'connect_result.personal': 'Open the link and sign in to your Zoom account to connect it.',
  'connect_result.only_admin': 'Only a Zoom admin can approve: Zoom refuses anyone else.',
  'connect_result.recipient_no_zoom_user':
    '{user} has no Zoom user with their Slack email in the organization’s current Zoom account: unless they are an admin of another Zoom account, they cannot approve.',
  'connect_result.button_org': 'Approve in Zoom',
  'connect_result.button_personal': 'Connect in Zoom',
  'connect_result.copy': 'Link to copy, to send it to the Zoom admin another way:',
  'connect_result.personal_only_you':
    'This link is for you alone: whoever opens it connects their Zoom account to you. Do not forward it; if someone else signs in with it, you will be asked to confirm.',
  'connect_result.expires': 'The link works until {date}.',

  // Approval request DM (to the chosen Zoom admin)
  'approval_dm.text': '{requester} asks you to connect Zoom for {workspace}',
  'approval_dm.header': 'Zoom approval requested',
  'approval_dm.reminder_header': 'Reminder: Zoom approval still pending',
  'approval_dm.body':
    '{requester} asks you to connect Zoom for the whole *{workspace}* workspace, so that every member can use Zoom from Slack.',
  'approval_dm.only_admin':
    'Only a Zoom admin (Owner or Admin role in the Zoom account) can approve. If that is not you, forward this request.',
  'approval_dm.note': 'Note from {requester}:',
  'approval_dm.forwarded': '{user} forwarded this request to you.',
  'approval_dm.reminder': 'This request is still waiting for you.',
  'approval_dm.expires': 'The link works until {date}.',
  'approval_dm.approve': 'Approve in Zoom',
  'approval_dm.decline': 'Decline',
  'approval_dm.decline_confirm_title': 'Decline this request?',
  'approval_dm.decline_confirm_text': 'The person who asked will be told that you declined.',
  'approval_dm.forward': 'Not me — forward',

  // Forward modal
  'forward.title': 'Forward request',
  'forward.submit': 'Forward',
  'forward.intro':
    'Pick the Zoom admin who should approve. They get this request by direct message, and {requester} is told.',
  'forward.recipient_label': 'Zoom admin',

  // Outcome DMs
  'dm.completed_org.text': 'Zoom is now connected for {workspace}',
  'dm.completed_org.requester':
    'Zoom is now connected for the whole *{workspace}* workspace, approved by the Zoom admin {email}. Every member can now use `/zoom-meet`.',
  'dm.completed_org.approver':
    'Thank you! Zoom is now connected for the whole *{workspace}* workspace with your Zoom user {email}.',
  'dm.declined.text': 'Your Zoom request was declined',
  'dm.declined': '{user} declined your request to connect Zoom for *{workspace}*.',
  'dm.declined_hint': 'You can send the request to another Zoom admin.',
  'dm.not_admin.text': 'Zoom was not connected: not a Zoom admin',
  'dm.not_admin':
    'Someone opened your approval link with the Zoom user {email}, but that user is not a Zoom admin (role: {role}). Nothing was connected.',
  'dm.not_admin_hint': 'The link still works for a Zoom admin (Owner or Admin role).',
  'dm.expired.text': 'Your Zoom approval link expired',
  'dm.expired': 'Your request to connect Zoom for *{workspace}* expired on {date} without approval.',
  'dm.expired_recipient': 'It had been sent to {user}.',
  'dm.forwarded.text': 'Your Zoom request was forwarded',
  'dm.forwarded': '{from} forwarded your Zoom request to {to}.',
  'dm.personal_connected.text': 'Your personal Zoom account is connected',
  'dm.personal_connected':
    'Your personal Zoom account {email} is connected. It is used for your meetings from now on.',
  'dm.personal_connected_backup': 'The organization connection stays available as a backup.',
  'dm.personal_disconnected.text': 'Your personal Zoom account is disconnected',
  'dm.personal_disconnected.by_user': 'Your personal Zoom account {email} is disconnected.',
  'dm.personal_disconnected.needs_reconnect':
    'Your personal Zoom connection ({email}) stopped working and needs reconnecting.',
  'dm.personal_disconnected.removed': 'Your personal Zoom connection ({email}) was removed in Zoom.',
  'dm.personal.org_takes_over': 'Meanwhile, the organization’s Zoom connection is used for your meetings.',
  'dm.personal.no_fallback': 'Until you connect again, you cannot create Zoom meetings from Slack.',

  // Organization connection alerts (to admins)
  'dm.org_alert.text_needs_reconnect': 'The organization’s Zoom connection needs reconnecting',
  'dm.org_alert.text_disconnected': 'The organization’s Zoom connection stopped',
  'dm.org_alert.header_needs_reconnect': 'Zoom connection needs reconnecting',
  'dm.org_alert.header_disconnected': 'Zoom connection stopped',
  'dm.org_alert.impact':
    'Members without a personal Zoom connection cannot create new meetings until a Zoom admin approves again. Meetings already made through it keep working: they are hosted by the members’ own Zoom users.',
  'dm.org_alert.affected_members': 'Members who relied on it: {count}',
  'dm.org_alert.workspace': 'Workspace: *{workspace}*',
  'dm.zoom_user_stopped.text': 'The Zoom connection of {workspace} stopped with your Zoom user',
  'dm.zoom_user_stopped':
    'The organization’s Zoom connection of *{workspace}* ran through your Zoom user {email}, and it stopped: {reason} Its Slack admins have been told; until a Zoom admin approves again, members without a personal Zoom account cannot create meetings.',
  'dm.alert_resolved.org':
    'Resolved on {date}: the organization’s Zoom connection of *{workspace}* works again, with {email}. Nothing more to do.',
  'dm.alert_resolved.personal':
    'Resolved on {date}: your personal Zoom account {email} is connected again. Nothing more to do.',
  'dm.org_alert.hint': 'Reconnect with a Zoom admin — it can be another one than before.',
  'org_reason.admin_role_lost': 'The Zoom user {email} is no longer a Zoom admin.',
  'org_reason.token_rejected': 'Zoom rejected the connection’s tokens.',
  'org_reason.scope_missing': 'The Zoom app is missing a permission it needs.',
  'org_reason.app_removed': 'The app was removed from the Zoom account.',
  'org_reason.zoom_user_deleted': 'The Zoom user {email} was deleted.',
  'org_reason.zoom_user_deactivated': 'The Zoom user {email} was deactivated.',
  'org_reason.zoom_user_disassociated': 'The Zoom user {email} was removed from the Zoom account.',
  'org_reason.admin_disconnected': '{user} disconnected it.',
  'org_reason.unknown': 'The connection stopped working.',

  // Affected meetings (to members)
  'dm.affected.text': 'What happens to your upcoming Zoom meetings',
  'dm.affected.header': 'Your upcoming Zoom meetings',
  'dm.affected.body':
    'The organization’s Zoom connection stopped. The meetings you made through it are hosted by your own Zoom user, so they do not depend on it.',
  'dm.affected.fix_personal': 'To create new meetings meanwhile, connect your personal Zoom account.',
  'dm.affected.has_personal': 'Your personal Zoom account is still connected: new meetings use it.',

  // Connected users (admins)
  'users.title': 'Connected users',
  'users.empty': 'No member matches this filter.',
  'users.filter_placeholder': 'Filter',
  'users.prev': 'Previous',
  'users.next': 'Next',
  'filter.all': 'All members',
  'filter.personal': 'Personal Zoom',
  'filter.org': 'Organization Zoom',
  'filter.none': 'No Zoom account',
  'filter.needs_reconnect': 'Needs reconnecting',
  'filter.zoom_not_found': 'No Zoom user',
  'filter.opted_out': 'Opted out',
  'row.personal': 'personal ({email})',
  'row.org': 'organization',
  'row.none': 'no Zoom account',
  'row.needs_reconnect': 'personal connection needs reconnecting',
  'row.zoom_not_found': 'no Zoom user for {email}',
  'row.opted_out': 'opted out',
  'row.admin': 'admin',

  // Approval requests (admins)
  'requests.title': 'Pending approval links',
  'requests.empty': 'No pending approval links.',
  'requests.kind_org': 'Organization connection',
  'requests.kind_personal': 'Personal connection',
  'requests.asked_by': 'asked by {user}',
  'requests.sent_to': 'sent to {user}',
  'requests.not_sent': 'link shared by hand',
  'requests.expires': 'expires {date}',
  'requests.resend': 'Resend',
  'requests.cancel': 'Cancel',
  'requests.cancel_confirm_title': 'Cancel this link?',
  'requests.cancel_confirm_text': 'The link stops working at once.',
  'requests.cancel_confirm_yes': 'Cancel the link',
  'requests.resend_hint': 'Resend creates a fresh link; the old one stops working.',

  // Settings modal
  'settings.title': 'Zoom settings',
  'settings.submit': 'Save',
  'settings.intro': 'These settings apply to the organization’s Zoom connection in *{workspace}*.',
  'settings.label': 'Organization connection',
  'settings.auto_summary': 'Auto-start the meeting summary',
  'settings.auto_summary_desc': 'For every meeting created through the organization connection.',
  'settings.allow_opt_out': 'Allow members to stop using the organization’s Zoom account',
  'settings.allow_opt_out_desc': 'A member who does uses only a personal Zoom account, or none.',
  'settings.last_changed': 'Last changed by {user}, {date}.',
  'settings.never_changed': 'Default settings, never changed.',
  'settings.summary_line': 'Meeting summary auto-start: {value}',
  'settings.opt_out_line': 'Members may stop using the organization’s Zoom account: {value}',

  // Disconnect modal
  'disconnect.title': 'Disconnect Zoom',
  'disconnect.submit': 'Confirm',
  'disconnect.choose': 'What do you want to do?',
  'disconnect.option.personal': 'Disconnect my personal Zoom account',
  'disconnect.option.opt_out': 'Stop using the organization’s Zoom',
  'disconnect.option.opt_in': 'Use the organization’s Zoom again',
  'disconnect.option.org': 'Disconnect Zoom for the whole organization',
  'disconnect.personal_then_org': 'Your meetings then use the organization’s connection.',
  'disconnect.personal_then_none': 'You then cannot create meetings until you connect again.',
  'disconnect.opt_out_desc': 'Only a personal Zoom account will be used for you.',
  'disconnect.opt_in_desc': 'The organization’s connection serves you again.',
  'disconnect.org_desc': 'Stops Zoom for everyone without a personal account.',
  'disconnect.nothing':
    'There is nothing to disconnect: you have no personal Zoom connection, and this workspace does not let members turn off the organization’s connection for themselves.',
  'disconnect.impact_title': 'Impact of disconnecting the organization',
  'disconnect.impact_members': 'Members relying on it: *{count}*',
  'disconnect.impact_meetings':
    'Upcoming meetings made through it: *{count}* — they keep working (each is hosted by its member’s own Zoom user).',
  'disconnect.impact_kept': 'Members keep their personal Zoom connections and can still create new ones.',
  'disconnect.impact_danger': 'This stops Zoom for every member who has no personal connection.',
  'disconnect.confirm_label': 'Confirmation',
  'disconnect.confirm_option': 'Yes, disconnect Zoom for everyone',

  // Inline validation errors (response_action: errors)
  'validation.choice_required': 'Choose an option.',
  'validation.recipient_required': 'Pick the Zoom admin who should receive the request.',
  'validation.recipient_is_bot': 'Pick a person, not an app.',
  'validation.recipient_deactivated': '{user} is deactivated in Slack and cannot approve: pick someone else.',
  'validation.recipient_is_self': 'You picked yourself: choose “I am the Zoom admin — approve now” instead.',
  'validation.note_too_long': 'Keep the note under {max} characters.',
  'validation.confirm_required': 'Tick the box to confirm.',
  'validation.topic_too_long': 'Keep the topic under {max} characters.',
  'validation.channel_required': 'Pick where to post the meeting link.',

  // Meetings
  'meeting.text': '{user} created a Zoom meeting: {topic}',
  'meeting.default_topic': 'Zoom meeting',
  'meeting.join': 'Join meeting',
  'meeting.via_personal': 'Created by {user} · hosted by {email} via their personal Zoom account',
  'meeting.via_org': 'Created by {user} · hosted by {email} via the organization’s Zoom account',
  'meeting.starts': 'Starts {date}',
  'meeting.id': 'Meeting ID: {id}',
  'meeting.summary_on': 'The meeting summary starts automatically.',
  'meeting_modal.title': 'New Zoom meeting',
  'meeting_modal.submit': 'Create',
  'meeting_modal.topic_label': 'Topic',
  'meeting_modal.topic_placeholder': 'What is the meeting about?',
  'meeting_modal.channel_label': 'Post the link in',
  'no_account.text': 'No Zoom meeting was created',
  'no_account.title': 'No meeting was created: you have no active Zoom account.',
  'zoom_user_not_found.text': 'No Zoom meeting was created',
  'zoom_user_not_found.body':
    'No meeting was created: the organization’s Zoom account has no user with your Slack email ({email}).',
  'zoom_user_not_found.fix':
    'Ask your Zoom admin to add you to the Zoom account with that email, or connect your personal Zoom account.',

  // App Home
  'home.title': 'Your Zoom',
  'home.admin_title': 'Administration',
  'home.org_title': 'Organization connection',
  'home.org.active': 'Active',
  'home.org.needs_reconnect': 'Needs reconnecting',
  'home.org.disconnected': 'Disconnected',
  'home.org.none': 'Not connected',
  'home.org.status': 'Status: *{status}*',
  'home.org.zoom_user': 'Zoom user: {email}',
  'home.org.since': 'Since: {date}',
  'home.org.last_check': 'Last check: {date}',
  'home.org.connected_by': 'Connected by {user}',
  'home.org.reason': 'Reason: {reason}',
  'home.org.not_connected':
    'Zoom is not connected for the organization yet. Connect it so that every member can use Zoom without doing anything.',
  'home.settings_title': 'Settings',
  'home.audit_title': 'Recent activity',
  'home.audit_empty': 'Nothing yet.',
  'home.audit_by': 'by {user}',
  'home.audit_asked_by': '(asked by {user})',

  // Audit event types
  'audit.org_connected': 'Organization connection approved in Zoom by {email}',
  'audit.org_handed_over': 'Organization connection handed over to the Zoom admin {email}',
  'audit.org_disconnected': 'Organization connection disconnected',
  'audit.org_needs_reconnect': 'Organization connection needs reconnecting',
  'audit.personal_connected': 'Personal Zoom account {email} connected',
  'audit.personal_disconnected': 'Personal connection removed',
  'audit.personal_needs_reconnect': 'Personal connection needs reconnecting',
  'audit.opted_out': 'Opted out of the organization connection',
  'audit.opted_in': 'Opted back in to the organization connection',
  'audit.workspace_uninstalled': 'Slack app uninstalled: Zoom grants released',
  'audit.workspace_reinstalled': 'Slack app installed again',
  'audit.zoom_user_data_deleted': 'A Zoom user’s data deleted at their request',
  'audit.settings_changed': 'Settings changed',
  'audit.request_created': 'Approval link created',
  'audit.request_sent': 'Approval request sent by direct message',
  'audit.request_created_personal': 'Personal connect link created',
  'audit.request_expired_personal': 'Personal connect link expired',
  'audit.request_cancelled_personal': 'Personal connect link cancelled',
  'audit.request_resent': 'Approval link resent',
  'audit.request_cancelled': 'Approval link cancelled',
  'audit.request_declined': 'Approval request declined',
  'audit.request_expired': 'Approval link expired',
  'audit.request_forwarded': 'Approval request forwarded',
  'audit.request_not_admin': 'Approval refused: not a Zoom admin',

  // Command replies
  'notice.settings_saved': 'Settings saved for *{workspace}*.',
  'notice.request_sent': 'Approval request sent to {user}.',
  'notice.request_cancelled': 'The approval link is cancelled.',
  'notice.request_resent': 'A fresh link was sent to {user}; the old one no longer works.',
  'notice.request_resent_no_recipient': 'A fresh link was created; the old one no longer works.',
  'notice.request_declined': 'You declined the request. {user} has been told.',
  'notice.request_forwarded': 'Forwarded to {to}. {from} has been told.',
  'notice.personal_disconnected': 'Your personal Zoom account is disconnected.',
  'notice.opted_out': 'You no longer use the organization’s Zoom connection.',
  'notice.opted_in': 'You use the organization’s Zoom connection again.',
  'notice.org_disconnected':
    'Zoom is disconnected for the organization. Members with a personal connection keep it.',
  'notice.unknown_argument': 'Unknown option “{arg}”. Type `{command} help` to see what it accepts.',
  'notice.user_not_found': 'I could not find that Slack user.',
  'notice.working': 'Working on it…',

  // Help (`/command help`)
  'help.connect':
    '*`/zoom-connect`* — connect Zoom.\n• `/zoom-connect`: open the Connect window. Admins choose between the whole organization and a personal account; members connect a personal account.\n• `/zoom-connect personal`: connect your own Zoom account directly. It takes precedence over the organization’s connection while it works.\n• `/zoom-connect org` (admins): connect Zoom for the whole organization. Only a Zoom admin (Owner or Admin role) can approve: approve yourself, or send the request to your Zoom admin.',
  'help.status':
    '*`/zoom-status`* — which Zoom account is active for you, and why.\n• `/zoom-status`: your active account, its backup, and what to do if none works.\n• `/zoom-status @someone` (admins): the same for another member.\n• `/zoom-status users` (admins): the connected users list.\n• `/zoom-status requests` (admins): pending approval links, with resend and cancel.',
  'help.settings':
    '*`/zoom-settings`* (admins) — open the settings of the organization connection:\n• auto-start the meeting summary for meetings created through the organization connection;\n• allow users to disconnect the organization connection for themselves.',
  'help.disconnect':
    '*`/zoom-disconnect`* — open a window to confirm one of:\n• disconnect your personal Zoom account (the organization’s connection takes over);\n• stop or resume using the organization’s connection, when your workspace allows it;\n• admins: disconnect Zoom for the whole organization, after seeing who and what it affects.',
  'help.meet':
    '*`/zoom-meet`* — a Zoom meeting with your active account (it says which account hosts it).\n• `/zoom-meet` alone: the New meeting window (topic, date and time, duration, invitees, where to post).\n• `/zoom-meet Weekly sync`: an instant meeting, its link posted in this channel.\n• `/zoom-meet Weekly sync tomorrow 10:00 45m @bob`: scheduled on your clock; each invitee gets a DM with the time on theirs. French works too: `demain 10h 45 min`, `lundi 14:30 1h`. Quote a topic that contains a date.\n• `/zoom-meet list`: your upcoming meetings, with Cancel.',
  'help.overview':
    'Zoom commands: `/zoom-connect`, `/zoom-status`, `/zoom-settings`, `/zoom-disconnect`, `/zoom-meet`. Add `help` to any of them to learn more.',

  // Errors (one per stable code; see views/errors.ts)
  'error.not_admin': 'Only Slack workspace admins and owners can do this.',
  'error.not_allowed': 'Your workspace does not allow this.',
  'error.request_not_found': 'This approval request does not exist (any more).',
  'error.request_expired': 'This approval link has expired. Ask for a new one.',
  'error.request_not_pending':
    'This approval request is already closed: it was completed, declined or cancelled.',
  'error.state_invalid': 'The Zoom sign-in could not be matched to a request. Open the link again and retry.',
  'error.no_active_account': 'You have no active Zoom account. Connect one with `/zoom-connect personal`.',
  'error.zoom_user_not_found': 'The organization’s Zoom account has no user with your Slack email.',
  'error.needs_reconnect': 'The Zoom connection stopped working and needs reconnecting.',
  'error.zoom_not_admin':
    'That Zoom user is not a Zoom admin (Owner or Admin role), so nothing was connected.',
  'error.invalid_grant': 'Zoom refused the authorization. Please connect again.',
  'error.token_invalid': 'Zoom no longer accepts this connection. Please connect again.',
  'error.missing_scope': 'The Zoom app is missing a permission. An admin needs to reconnect it.',
  'error.rate_limited': 'Zoom is limiting requests right now. Try again in a few minutes.',
  'error.user_not_found': 'Zoom does not know this user.',
  'error.server_error': 'Zoom is having trouble right now. Try again in a few minutes.',
  'error.network': 'Zoom could not be reached. Try again in a few minutes.',
  'error.bad_response': 'Zoom sent an unexpected answer. Try again in a few minutes.',
  'error.org_not_connected': 'Zoom is not connected for the organization.',
  'error.personal_not_connected': 'You have no personal Zoom connection.',
  'error.invalid_input': 'That input is not valid.',
  'error.slack_error': 'Slack refused the request. Try again in a moment.',
  'error.expired_trigger': 'That took too long. Run the command again.',
  'error.deleted_user': 'This Slack account is deactivated.',
  'error.request_busy': 'This request is being completed right now. Wait a moment, then check again.',
  'error.wrong_link_kind': 'This link is not meant for this kind of connection. Ask for a new one in Slack.',
  'error.authorization_denied':
    'Zoom did not authorize the app, so nothing was connected. You can open the link again.',
  'error.no_email':
    'Your Slack profile has no email address, so you cannot be matched to a Zoom user. Connect your personal Zoom account instead.',
  'error.not_connected': 'There is no Zoom connection to disconnect.',
  'error.zoom_failed': 'Zoom could not complete the request right now. Try again in a few minutes.',
  'error.dm_failed':
    'I could not send the approval request as a DM. Copy the link from the modal and send it yourself.',
  'error.title_short': 'Could not do that',
  'error.busy': 'Zoom Org Connect is very busy right now. Please try again in a minute.',
  'error.unavailable': 'Zoom Org Connect is temporarily unavailable. Please try again in a minute.',
  'error.internal':
    'Something went wrong on our side. Try again; if it keeps happening, tell your Slack admin.',

  // HTML pages of the approval / connect links (DESIGN §2.2)
  'page.approve.title': 'Approve Zoom for {workspace}',
  'page.approve.heading': 'Connect Zoom for the whole organization',
  'page.approve.body.one':
    'This link connects the Zoom account used by the {count} member of the {workspace} Slack workspace. {requester} asked for it and sent it to {recipient}.',
  'page.approve.body.other':
    'This link connects the Zoom account used by all {count} members of the {workspace} Slack workspace. {requester} asked for it and sent it to {recipient}.',
  'page.approve.only_admin':
    'Only an admin of your organization’s Zoom account can approve: Zoom asks you to sign in, then the app checks that you can administer the account.',
  'page.approve.button': 'Continue to Zoom',
  'page.connect.title': 'Connect a Zoom account for {member}',
  'page.connect.heading': 'Connect a personal Zoom account',
  'page.connect.body':
    'This link connects a Zoom account to {member} in the {workspace} Slack workspace, for {member}’s meetings.',
  'page.connect.only_you':
    'Continue only if you are {member}. If someone sent you this link, close this page.',
  'page.connect.button': 'Continue to Zoom',
  'page.expires': 'This link works until {date}.',
  'page.expired.title': 'Link expired',
  'page.expired.body': 'This link expired on {date}. Ask for a new one in Slack with /zoom-connect.',
  'page.forwarded.title': 'Link forwarded',
  'page.forwarded.body':
    'This request was forwarded to {name} on {date}, with a new link. This link no longer works.',
  'page.superseded.title': 'Zoom already connected',
  'page.superseded.body':
    'Zoom was connected for {workspace} by {name} on {date} with the Zoom user {email}, through another request. This link is no longer needed.',
  'page.used.title': 'Already done',
  'page.used_org.body': 'This link was used on {date}: Zoom was connected for {workspace} with {email}.',
  'page.used_personal.body':
    'This link was used on {date}: the Zoom account {email} was connected to {member}.',
  'page.now.active': 'The connection works now. You can close this page.',
  'page.now.needs_reconnect':
    'Since then the connection stopped working and must be approved again: ask for a new link in Slack with /zoom-connect.',
  'page.now.disconnected':
    'Since then the connection was disconnected: ask for a new link in Slack with /zoom-connect.',
  'page.now.none': 'Since then the connection was removed: ask for a new link in Slack with /zoom-connect.',
  'page.cancelled.title': 'Link cancelled',
  'page.cancelled.body': 'This link was cancelled. Ask for a new one in Slack with /zoom-connect if needed.',
  'page.declined.title': 'Request declined',
  'page.declined.body': 'This request was declined. Ask for a new one in Slack if needed.',
  'page.not_found.title': 'Link not found',
  'page.not_found.body':
    'This link does not exist or is no longer valid. Check that it was copied completely.',
  'page.account_coverage.one':
    'Zoom account {account} ({id}): {found} of the {count} member of {workspace} found by email.',
  'page.account_coverage.other':
    'Zoom account {account} ({id}): {found} of {count} members of {workspace} found by email.',
  'page.success_org.title': 'Zoom is connected',
  'page.success_org.body':
    'Zoom is now connected for the whole {workspace} workspace with the Zoom user {email}. Its members can use it from Slack now.',
  'page.success_personal.title': 'Zoom account connected',
  'page.success_personal.body':
    'You connected the Zoom account {email} to {member} in {workspace}. It is used for {member}’s meetings from now on.',
  'page.parked_personal.title': 'Waiting for {member}',
  'page.parked_personal.body':
    'You signed in to Zoom as {email}, which is not {member}’s email in Slack. The account is used only once {member} confirms it in Slack, within 24 hours; otherwise nothing is kept.',
  'page.parked_org.title': 'Waiting for a Slack admin',
  'page.parked_org.signed_in':
    'You signed in to Zoom as {email}. Zoom accepted you as an admin of this account.',
  'page.parked_org.other_account':
    'This is another Zoom account than the one connected now ({current}). A Slack admin must confirm the switch in Slack; the current connection keeps serving until then.',
  'page.parked_org.other_account_stopped':
    'This is another Zoom account than the one connected before ({current}), which has stopped serving. A Slack admin must confirm the switch in Slack; until then nobody uses this one.',
  'page.parked_org.zero_coverage':
    'No member of {workspace} has a Zoom user with their Slack email in this Zoom account, so it would serve nobody. A Slack admin must confirm or cancel it in Slack.',
  'page.parked_org.requester_not_admin':
    '{requester}, who asked for this connection, is no longer a Slack admin, so another Slack admin must confirm it in Slack.',
  'page.not_admin.title': 'A Zoom admin is required',
  'page.not_admin.body':
    'The Zoom user {email} cannot administer its Zoom account (role: {role}), so nothing was connected. The link still works: a Zoom admin can open it, or forward the request in Slack with “Not me — forward”.',
  'page.error.title': 'Something went wrong',
  'page.error.body': 'We could not complete the connection. Open the link again to retry.',
  'page.denied.title': 'Not authorized',
  'page.denied.body':
    'Zoom did not authorize the app, so nothing was connected. You can open the link again.',
  'page.busy.title': 'Almost done',
  'page.busy.body': 'This request is being completed right now. Refresh this page in a moment.',
  'page.state_invalid.title': 'Sign-in expired',
  'page.state_invalid.body':
    'This Zoom sign-in was not started from this link in this browser, or it took too long. Open the link again.',
  'page.csrf.title': 'Open the link again',
  'page.csrf.body':
    'This page was not opened from its link in this browser, or it stayed open too long. Open the link again, then press the button.',
  'page.close_hint': 'You can close this page.',
  // Parked approvals and closed requests (issue 13)
  'common.someone': 'someone',
  'common.keep_current': 'Keep the current one',
  'coverage.line.one': 'Zoom account {account} ({id}): {found} of {count} member found by email.',
  'coverage.line.other': 'Zoom account {account} ({id}): {found} of {count} members found by email.',
  'dm.completed_org.missing.one':
    '{count} member has no Zoom user with their Slack email there: they can connect a personal account.',
  'dm.completed_org.missing.other':
    '{count} members have no Zoom user with their Slack email there: they can connect a personal account.',
  'parked.personal.text': 'Use the Zoom account {email} for your meetings?',
  'parked.personal.header': 'Is this your Zoom account?',
  'parked.personal.body':
    'Your personal Zoom link was just used to sign in to Zoom as {email}, which is not your Slack email ({slackEmail}).',
  'parked.personal.question':
    'Nothing uses this account until you say so. If you did not do this, or it is not your account, press Cancel: the authorization is removed at Zoom.',
  'parked.personal.until': 'Decide before {date}; after that, nothing is kept.',
  'parked.org.text': 'A Slack admin must confirm the Zoom account approved by {email}',
  'parked.org.header': 'Confirm the organization’s Zoom account',
  'parked.org.body': 'The Zoom admin {email} approved the Zoom connection for *{workspace}*.',
  'parked.org.other_account':
    'This is another Zoom account than the one serving everyone now ({current}). Switch every member to it? The current connection keeps serving until you confirm.',
  'parked.org.other_account_stopped':
    'This is another Zoom account than the one connected before ({current}, which stopped serving). Switch every member to it?',
  'parked.org.zero_coverage':
    'No member has a Zoom user with their Slack email in this account, so it would serve nobody. Use it anyway, or cancel and ask an admin of the right Zoom account.',
  'parked.org.requester_not_admin':
    '{requester}, who asked for it, is no longer a Slack admin, so a Slack admin must confirm it.',
  'parked.org.until': 'Any Slack admin can decide before {date}; after that, nothing is kept.',
  'parked.use_account': 'Use this account',
  'parked.switch_account': 'Switch account',
  'parked.confirm': 'Use it for everyone',
  'parked.cancel': 'Cancel',
  'parked.confirm_title': 'Use this Zoom account?',
  'parked.switch_confirm_title': 'Switch the Zoom account?',
  'parked.confirm_text':
    'Every member without a personal Zoom account will create meetings through the Zoom account approved by {email}.',
  'parked.approver.text': 'Thank you: a Slack admin will confirm the Zoom connection',
  'parked.approver.body':
    'Thank you! Your approval for *{workspace}* is received; a Slack admin confirms it in Slack before it serves anyone. You have nothing more to do.',
  'parked.decide_by': 'Waiting for a decision until {date}.',
  'parked.section': 'Waiting for your confirmation',
  'parked.decided.personal_confirmed': 'Done: {email} is now your personal Zoom account.',
  'parked.decided.personal_cancelled':
    'Cancelled on {date}: {email} is not used, and its authorization was removed at Zoom.',
  'parked.decided.org_confirmed':
    '{user} confirmed on {date}: the organization’s Zoom connection now uses {email}.',
  'parked.decided.org_cancelled':
    '{user} cancelled on {date}: the Zoom account approved by {email} is not used.',
  'parked.decided.expired': 'Nobody confirmed in time: the Zoom account {email} was not kept.',
  'request_closed.completed':
    'Done on {date}: Zoom is connected for *{workspace}* with {email}. This request is closed.',
  'request_closed.lead': 'Zoom approval requested by {requester} for *{workspace}*',
  'request_closed.superseded':
    'No longer needed: {user} connected Zoom for *{workspace}* with {email} on {date}.',
  'request_closed.declined': '{user} declined this request on {date}.',
  'request_closed.cancelled': '{user} cancelled this request on {date}; its link no longer works.',
  'request_closed.expired': 'This request expired on {date}; its link no longer works.',
  'request_closed.forwarded': 'Forwarded to {to} on {date}; this link no longer works.',
  'request_closed.replaced': 'A fresh link replaced this one on {date}; see the newer message.',
  'request_closed.awaiting_confirmation':
    'Signed in to Zoom as {email} on {date}: a Slack admin now confirms it in Slack.',
  'audit.request_parked': 'Approved in Zoom by {email}, waiting for a yes in Slack',
  'audit.request_confirmed': 'Zoom account {email} confirmed in Slack',
  'audit.request_superseded': 'Approval request closed: Zoom connected by another request',
  ...adminEn,
  ...meetingsEn,
};
