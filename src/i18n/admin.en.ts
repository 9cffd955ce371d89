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
  'admin.users.search_submit': 'Search',
} as const;
