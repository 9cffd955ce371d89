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
  'admin.users.page.one': 'Page {page} sur {pages} · {count} membre',
  'admin.users.page.other': 'Page {page} sur {pages} · {count} membres',
  'admin.users.search_submit': 'Rechercher',
  // La fenêtre Paramètres : qui un changement du réglage de retrait déplacerait
  'admin.settings.impact_on.one':
    '{count} membre a choisi de ne plus utiliser le compte Zoom de l’organisation. Si vous désactivez ce réglage, ce choix ne compte plus ; toute personne dont le compte change est prévenue en message privé.',
  'admin.settings.impact_on.other':
    '{count} membres ont choisi de ne plus utiliser le compte Zoom de l’organisation. Si vous désactivez ce réglage, ce choix ne compte plus ; toute personne dont le compte change est prévenue en message privé.',
  'admin.settings.impact_off.one':
    '{count} membre a choisi plus tôt de ne plus utiliser le compte Zoom de l’organisation ; ce choix ne compte pas tant que ce réglage est désactivé. Si vous l’activez, il compte à nouveau ; toute personne dont le compte change est prévenue en message privé.',
  'admin.settings.impact_off.other':
    '{count} membres ont choisi plus tôt de ne plus utiliser le compte Zoom de l’organisation ; ce choix ne compte pas tant que ce réglage est désactivé. Si vous l’activez, il compte à nouveau ; toute personne dont le compte change est prévenue en message privé.',
  // Après l’enregistrement : la confirmation à l’admin
  'admin.settings_saved.nothing':
    'Rien n’a changé : les paramètres étaient déjà ceux que vous avez enregistrés.',
  'admin.settings_saved.summary_on':
    'Le résumé de réunion démarre désormais automatiquement dans les réunions créées via le compte Zoom de l’organisation.',
  'admin.settings_saved.summary_off': 'Le résumé de réunion ne démarre plus automatiquement.',
  'admin.settings_saved.opt_out_on':
    'Les membres peuvent désormais ne plus utiliser le compte Zoom de l’organisation.',
  'admin.settings_saved.opt_out_off':
    'Les membres ne peuvent plus renoncer au compte Zoom de l’organisation.',
  'admin.settings_saved.to_org.one':
    '{count} membre qui s’était retiré utilise à nouveau le compte Zoom de l’organisation ; il est prévenu en message privé.',
  'admin.settings_saved.to_org.other':
    '{count} membres qui s’étaient retirés utilisent à nouveau le compte Zoom de l’organisation ; chacun est prévenu en message privé.',
  'admin.settings_saved.to_none.one':
    '{count} membre qui s’était retiré n’utilise plus le compte Zoom de l’organisation et n’a plus de compte Zoom ; il est prévenu en message privé.',
  'admin.settings_saved.to_none.other':
    '{count} membres qui s’étaient retirés n’utilisent plus le compte Zoom de l’organisation et n’ont plus de compte Zoom ; chacun est prévenu en message privé.',
  'admin.settings_saved.moved_other.one':
    'Le compte Zoom de {count} autre membre a changé ; il est prévenu en message privé.',
  'admin.settings_saved.moved_other.other':
    'Le compte Zoom de {count} autres membres a changé ; chacun est prévenu en message privé.',
  'admin.settings_saved.nobody_moved': 'Le compte Zoom de personne n’a changé.',
  // Le message privé à un membre dont le réglage de retrait a changé le compte
  'admin.account_changed.text': 'Le compte Zoom que vous utilisez a changé.',
  'admin.account_changed.opt_out_off':
    '{admin} ne permet plus aux membres de *{workspace}* de renoncer au compte Zoom de l’organisation : votre choix de ne plus l’utiliser ne s’applique donc plus.',
  'admin.account_changed.opt_out_on':
    '{admin} permet désormais aux membres de *{workspace}* de renoncer au compte Zoom de l’organisation. Vous aviez choisi de ne plus l’utiliser : ce choix s’applique à nouveau.',
  'admin.account_changed.now_org':
    '*Vous utilisez désormais :* le compte Zoom de l’organisation. Vos réunions sont organisées par votre propre utilisateur Zoom, {email}.',
  'admin.account_changed.now_org_plain': '*Vous utilisez désormais :* le compte Zoom de l’organisation.',
  'admin.account_changed.now_personal': '*Vous utilisez désormais :* votre compte Zoom personnel.',
  'admin.account_changed.now_none':
    '*Vous utilisez désormais :* aucun compte Zoom ; vous ne pouvez donc plus créer de réunions Zoom depuis Slack tant que vous n’avez pas connecté votre propre compte Zoom ou repris celui de l’organisation.',
  'admin.account_changed.personal_hint':
    'Un compte Zoom personnel, une fois connecté, a toujours la priorité sur celui de l’organisation.',
};
