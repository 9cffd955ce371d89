/**
 * English messages of the admin surfaces added for issue 14 (connected users search, settings
 * changes that reach people). Spread into en.ts; same conventions as en.ts.
 */
export const adminEn = {
  'admin.row.personal_plain': 'personal',
  'admin.users.title_search': 'Connected users matching “{search}”',
  'admin.users.search_button': 'Search members',
  'admin.users.empty_search': 'No member matches this search.',
  'admin.users.modal_title': 'Connected users',
  'admin.users.search_label': 'Search by name or email',
  'admin.users.search_placeholder': 'e.g. Alice, or alice@',
  'admin.users.page.one': 'Page {page} of {pages} · {count} member',
  'admin.users.page.other': 'Page {page} of {pages} · {count} members',
  'admin.users.search_submit': 'Search',
  // The Settings modal: whom a change of the opt-out setting would move
  'admin.settings.impact_on.one':
    '{count} member has chosen to stop using the organization’s Zoom account. If you turn this off, that choice stops counting; anyone whose account changes is told by DM.',
  'admin.settings.impact_on.other':
    '{count} members have chosen to stop using the organization’s Zoom account. If you turn this off, that choice stops counting; anyone whose account changes is told by DM.',
  'admin.settings.impact_off.one':
    '{count} member chose earlier to stop using the organization’s Zoom account; that choice does not count while this is off. If you turn it on, it counts again; anyone whose account changes is told by DM.',
  'admin.settings.impact_off.other':
    '{count} members chose earlier to stop using the organization’s Zoom account; that choice does not count while this is off. If you turn it on, it counts again; anyone whose account changes is told by DM.',
  // After Save: the admin's confirmation
  'admin.settings_saved.nothing': 'Nothing changed: the settings were already as you saved them.',
  'admin.settings_saved.summary_on':
    'The meeting summary now starts automatically in meetings created through the organization’s Zoom account.',
  'admin.settings_saved.summary_off': 'The meeting summary no longer starts automatically.',
  'admin.settings_saved.opt_out_on': 'Members may now stop using the organization’s Zoom account.',
  'admin.settings_saved.opt_out_off': 'Members may no longer stop using the organization’s Zoom account.',
  'admin.settings_saved.to_org.one':
    '{count} member who had opted out uses the organization’s Zoom account again, and is told by DM.',
  'admin.settings_saved.to_org.other':
    '{count} members who had opted out use the organization’s Zoom account again; each is told by DM.',
  'admin.settings_saved.to_none.one':
    '{count} member who had opted out stopped using the organization’s Zoom account and has no Zoom account now; they are told by DM.',
  'admin.settings_saved.to_none.other':
    '{count} members who had opted out stopped using the organization’s Zoom account and have no Zoom account now; each is told by DM.',
  'admin.settings_saved.moved_other.one': '{count} other member’s Zoom account changed; they are told by DM.',
  'admin.settings_saved.moved_other.other':
    '{count} other members’ Zoom accounts changed; each is told by DM.',
  'admin.settings_saved.nobody_moved': 'Nobody’s Zoom account changed.',
  // The DM to a member whose account the opt-out setting changed
  'admin.account_changed.text': 'The Zoom account you use has changed.',
  'admin.account_changed.opt_out_off':
    '{admin} no longer lets members of *{workspace}* stop using the organization’s Zoom account, so your earlier choice to stop using it no longer applies.',
  'admin.account_changed.opt_out_on':
    '{admin} now lets members of *{workspace}* stop using the organization’s Zoom account. You had chosen to stop using it, so that choice applies again.',
  'admin.account_changed.now_org':
    '*You now use:* the organization’s Zoom account. Your meetings are hosted by your own Zoom user, {email}.',
  'admin.account_changed.now_org_plain': '*You now use:* the organization’s Zoom account.',
  'admin.account_changed.now_personal': '*You now use:* your personal Zoom account.',
  'admin.account_changed.now_none':
    '*You now use:* no Zoom account, so you cannot create Zoom meetings from Slack until you connect your own Zoom account or use the organization’s again.',
  'admin.account_changed.personal_hint':
    'A personal Zoom account, once connected, always takes precedence over the organization’s.',
} as const;
