/**
 * Messages of planned meetings (issue 14 items 1–4): the New meeting window, `/zoom-meet` text
 * errors, invitations, the list with Cancel, ended meetings and Create again. Spread into en.ts;
 * meetings.fr.ts has the same keys (its type says so).
 */
export const meetingsEn = {
  // The New meeting window
  'meeting_modal.date_label': 'Date',
  'meeting_modal.time_label': 'Start time ({zone})',
  'meeting_modal.duration_label': 'Duration',
  'meeting_modal.invitees_label': 'Invite',
  'meeting_modal.invitees_hint': 'Each person gets a DM with the join link and the time on their own clock.',
  'meeting_modal.host_org':
    'Hosted by your own Zoom user ({email}), created through the organization’s Zoom account.',
  'meeting_modal.host_personal': 'Hosted by your personal Zoom account ({email}).',
  'meeting_modal.host_unknown': 'Hosted by the Zoom account you use now.',
  'meeting_modal.defaults_org':
    'Waiting room, passcode and the other meeting settings are your organization’s Zoom defaults, as its Zoom admins set them.',
  'meeting_modal.defaults_personal':
    'Waiting room, passcode and the other meeting settings are your Zoom account’s defaults.',
  'validation.meeting_when': 'Pick a date and a start time.',
  'validation.meeting_past': 'This time has already passed. Pick a later one.',

  // Lengths
  'meet.length.minutes': '{minutes} min',
  'meet.length.hours': '{hours} h',
  'meet.length.hours_minutes': '{hours} h {minutes} min',

  // Posts and invitations
  'meet.starts_now': 'Started now',
  'meet.length_line': 'Duration: {length}',
  'meet.invited': 'Invited: {users}',
  'meet.invite.text': '{user} invited you to a Zoom meeting: {topic}',
  'meet.invite.body': '{user} invited you to *{topic}*.',
  'meet.host_copy.text': 'Your Zoom meeting {topic} is ready',
  'meet.host_copy.body':
    'Your meeting *{topic}* is ready. It could not be posted where you asked, so here it is.',
  'meet.invites_sent.one': '{count} invitation sent by DM.',
  'meet.invites_sent.other': '{count} invitations sent by DM.',

  // Ended meetings
  'meet.ended.text': 'This Zoom meeting can no longer be joined: {topic}',
  'meet.ended.title': '*{topic}* can no longer be joined',
  'meet.end.cancelled': 'Cancelled by {user}.',
  'meet.end.cancelled_unknown': 'Cancelled by its host.',
  'meet.end.deleted_in_zoom': 'It was deleted in Zoom.',
  'meet.end.deleted_in_zoom_by': 'It was deleted in Zoom by {who}.',
  'meet.end.host_deleted': 'Its host’s Zoom user ({email}) was deleted, and its meetings with it.',
  'meet.end.host_deactivated': 'Its host’s Zoom user ({email}) was deactivated: nobody can start it.',
  'meet.was': 'It was planned for {date}.',
  'meet.host_ended.text': 'Your Zoom meeting {topic} can no longer be joined',
  'meet.host_ended.posts': 'Its post and invitations now say so.',
  'meet.host_ended.again':
    '*Create again* makes a new meeting with the Zoom account that serves you now, and lets you check its time and invitees first.',
  'button.create_again': 'Create again',

  // The list and Cancel
  'meet.list.text': 'Your upcoming Zoom meetings',
  'meet.list.title': 'Your upcoming Zoom meetings',
  'meet.list.empty': 'You have no upcoming meetings made from Slack. Create one with `/zoom-meet`.',
  'meet.list.account_personal': 'personal account ({email})',
  'meet.list.account_org': 'organization account, hosted by {email}',
  'meet.join_link': 'Join',
  'button.cancel_meeting': 'Cancel meeting',
  'meet.cancel_confirm.title': 'Cancel this meeting?',
  'meet.cancel_confirm.text':
    '“{topic}” will be deleted in Zoom, and its post and invitations will say it was cancelled.',
  'meet.cancel_confirm.yes': 'Cancel meeting',
  'meet.cancel_confirm.no': 'Keep it',
  'meet.cancelled': '*{topic}* is cancelled: deleted in Zoom, and its post and invitations now say so.',
  'meet.cancel_not_found': 'This meeting is not one of yours, or it no longer exists.',
  'meet.cancel_already': '*{topic}* had already ended.',
  'meet.cancel_no_account':
    'Zoom could not be asked to delete *{topic}*: no connection that reaches its host works right now. Delete it in Zoom; its post will follow.',
  'meet.cancel_failed': 'Zoom did not delete *{topic}* right now. Try again in a minute.',
  'meet.again_gone': 'This meeting is not one of yours, so it cannot be created again from here.',

  // `/zoom-meet` text that could not be read
  'meet.unreadable.text': 'No Zoom meeting was created',
  'meet.unreadable.time': 'No meeting was created: “{part}” could not be read as a date or time.',
  'meet.unreadable.no_time':
    'No meeting was created: “{part}” has no time of day. Add one, e.g. `tomorrow 10:00`.',
  'meet.unreadable.past': 'No meeting was created: “{part}” has already passed.',
  'meet.unreadable.duration':
    'No meeting was created: “{part}” is not a meeting length (1 minute to 24 hours).',
  'meet.unreadable.invitee': 'No meeting was created: nobody in this workspace is called {part}.',
  'meet.unreadable.hint':
    'Write it as `/zoom-meet Topic tomorrow 10:00 45m @someone` (French works too: `demain 10h 45 min`), and put the topic in quotes if it contains a date. `/zoom-meet` alone opens a window.',

  // Home
  'home.meetings_title': 'Your upcoming meetings',

  // Connection loss: what happens to the meetings
  'dm.org_alert.meetings_keep.one': '{count} upcoming meeting made through it keeps working.',
  'dm.org_alert.meetings_keep.other': '{count} upcoming meetings made through it keep working.',
  'dm.org_alert.meetings_ended.one': '{count} can no longer be joined: its host’s Zoom user is gone.',
  'dm.org_alert.meetings_ended.other': '{count} can no longer be joined: their host’s Zoom user is gone.',
  'dm.org_alert.last_check': 'Last checked: {date}',
  'dm.org_alert.by_zoom': 'Done in Zoom by {email}.',
  'dm.affected.keep_title': '*Still working* — nothing to do:',
  'dm.affected.ended_title': '*Can no longer be joined:*',
  'disconnect.impact_last_check': 'Last checked: {date}',
  'error.meeting_not_found': 'This Zoom meeting no longer exists.',
} as const;
