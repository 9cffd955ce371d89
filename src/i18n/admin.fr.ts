import type { adminEn } from './admin.en.js';

/** French messages of the admin surfaces (see admin.en.ts); same typography as fr.ts. */
export const adminFr: Record<keyof typeof adminEn, string> = {
  'admin.row.personal_plain': 'personnel',
  'admin.users.title_search': 'Utilisateurs connectés correspondant à « {search} »',
  'admin.users.search_button': 'Rechercher des membres',
  'admin.users.empty_search': 'Aucun membre ne correspond à cette recherche.',
  'admin.users.modal_title': 'Utilisateurs connectés',
  'admin.users.search_label': 'Rechercher par nom ou e-mail',
  'admin.users.search_placeholder': 'ex. : Alice, ou alice@',
  'admin.users.search_submit': 'Rechercher',
};
