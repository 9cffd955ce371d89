import { adminFr } from './admin.fr.js';
import type { MessageKey } from './index.js';
import { meetingsFr } from './meetings.fr.js';

/**
 * French catalog. Typed as Record<MessageKey, string>: a missing or extra key fails the typecheck.
 * Typography: a no-break space (U+00A0) before « : ; ? ! » and inside guillemets, everywhere.
 */
export const fr: Record<MessageKey, string> = {
  // Commun
  'common.and_more': '… et {count} de plus',
  'common.slack_date_format': '{date_short} à {time}',
  'common.close': 'Fermer',
  'common.done': 'Terminé',
  'common.keep': 'Conserver',
  'common.on': 'Activé',
  'common.off': 'Désactivé',
  'common.not_yet': 'pas encore',
  'common.unknown': 'inconnu',

  // Comptes et statut
  'account.personal': 'personnel ({email})',
  'account.org': 'organisation ({email})',
  'account.org_plain': 'organisation',
  'status.title': 'Votre compte Zoom',
  'status.using': 'Compte utilisé : {account}',
  'status.backup': 'organisation disponible en secours',
  'status.since': 'Depuis : {date}',
  'status.none': 'Aucun compte Zoom n’est actif pour vous.',
  'status.reason.no_org_connection':
    'Zoom n’est pas connecté pour votre organisation, et vous n’avez pas connecté de compte Zoom personnel.',
  'status.reason.org_needs_reconnect':
    'La connexion Zoom de l’organisation ne fonctionne plus et doit être reconnectée par un administrateur.',
  'status.reason.org_disconnected':
    'La connexion Zoom de l’organisation a été déconnectée, et vous n’avez pas connecté de compte Zoom personnel.',
  'status.reason.opted_out': 'Vous avez choisi de ne plus utiliser la connexion Zoom de l’organisation.',
  'status.reason.personal_needs_reconnect': 'Votre connexion Zoom personnelle ne fonctionne plus.',
  'status.fix.connect_personal': 'Connectez votre compte Zoom personnel avec `/zoom-connect personal`.',
  'status.fix.ask_admin':
    'Ou demandez à un administrateur Slack de connecter Zoom pour toute l’organisation.',
  'status.fix.connect_org_admin':
    'Connectez Zoom pour tout le monde avec `/zoom-connect org` : un admin Zoom l’approuve, et chaque membre peut l’utiliser.',
  'status.fix.reconnect_org_admin':
    'Reconnectez-le pour tout le monde avec `/zoom-connect org` : n’importe quel admin Zoom du compte peut l’approuver. En attendant, vous pouvez connecter votre compte Zoom personnel.',
  'status.fix.wait_admin':
    'Vos administrateurs Slack ont été prévenus. En attendant, vous pouvez connecter votre compte Zoom personnel.',
  'status.fix.opt_in': 'Réactivez-la avec `/zoom-disconnect`, ou connectez votre compte Zoom personnel.',
  'status.fix.reconnect_personal': 'Reconnectez-la avec `/zoom-connect personal`.',
  'status.personal_broken_note':
    'Votre connexion Zoom personnelle doit être reconnectée ; en attendant, la connexion de l’organisation est utilisée.',
  'status.zoom_not_found':
    'Le compte Zoom de l’organisation n’a aucun utilisateur avec votre adresse e-mail Slack ({email}) : aucune réunion ne peut donc être créée pour vous par son intermédiaire. Demandez à votre administrateur Zoom de vous ajouter, ou connectez votre compte Zoom personnel.',
  'status.opted_out_note': 'Vous n’utilisez plus la connexion de l’organisation.',
  'status.other_title': 'Compte Zoom de {user}',
  'status.other_email': 'E-mail Slack : {email}',
  'status.other_admin': 'Administrateur Slack',
  'reason.no_org_connection': 'ni connexion de l’organisation, ni connexion personnelle',
  'reason.org_needs_reconnect': 'la connexion de l’organisation doit être reconnectée',
  'reason.org_disconnected': 'la connexion de l’organisation a été déconnectée',
  'reason.opted_out': 's’est retiré de la connexion de l’organisation',
  'reason.personal_needs_reconnect': 'la connexion personnelle doit être reconnectée',
  'status.other_none': 'Aucun compte Zoom actif : {reason}.',

  // Boutons communs
  'button.connect_personal': 'Connecter mon Zoom',
  'button.reconnect_personal': 'Reconnecter mon Zoom',
  'button.disconnect_personal': 'Déconnecter mon Zoom',
  'button.opt_out': 'Ne plus utiliser le Zoom de l’organisation',
  'button.opt_in': 'Utiliser à nouveau le Zoom de l’organisation',
  'button.new_meeting': 'Nouvelle réunion',
  'button.connect_org': 'Connecter pour l’organisation',
  'button.reconnect_org': 'Reconnecter',
  'button.disconnect': 'Déconnecter…',
  'button.edit_settings': 'Modifier les paramètres',
  'button.send_to_other_admin': 'Envoyer à un autre admin Zoom',
  'button.new_link': 'Créer un nouveau lien',

  // Fenêtre de connexion
  'connect.title': 'Connecter Zoom',
  'connect.submit.continue': 'Continuer',
  'connect.submit.send': 'Envoyer la demande',
  'connect.submit.get_link': 'Obtenir mon lien',
  'connect.intro_admin': 'Choisissez comment connecter Zoom dans *{workspace}*.',
  'connect.intro_member':
    'Connectez votre propre compte Zoom. Il sera utilisé pour vos réunions et a priorité sur la connexion de l’organisation tant qu’il fonctionne.',
  'connect.scope.label': 'Connecter Zoom',
  'connect.scope.org': 'Pour toute l’organisation',
  'connect.scope.org_desc': 'Chaque membre peut utiliser Zoom sans rien faire.',
  'connect.scope.personal': 'Juste pour moi',
  'connect.scope.personal_desc': 'Votre propre compte Zoom, utilisé en priorité.',
  'connect.org_path.label': 'Qui approuve dans Zoom ?',
  'connect.org_path.self': 'Je suis l’admin Zoom — approuver maintenant',
  'connect.org_path.send': 'Envoyer à mon admin Zoom',
  'connect.org_path.hint': 'Seul un admin Zoom (rôle Owner ou Admin du compte Zoom) peut approuver.',
  'connect.recipient.label': 'Admin Zoom',
  'connect.recipient.placeholder': 'Choisissez une personne',
  'connect.recipient.hint':
    'Cette personne reçoit un message direct avec un bouton d’approbation. Vous recevez aussi le lien.',
  'connect.note.label': 'Note',
  'connect.note.placeholder': 'Quelques mots pour votre admin Zoom',
  'connect.org_active':
    'Zoom est déjà connecté pour l’organisation (utilisateur Zoom {email}). Une nouvelle approbation passe le relais au nouvel admin Zoom sans interruption.',
  'connect.org_needs_reconnect':
    'La connexion Zoom de l’organisation doit être reconnectée : un admin Zoom doit approuver à nouveau.',
  'connect.personal_active':
    'Votre compte Zoom personnel {email} est connecté. Une nouvelle connexion le remplace.',
  'connect.personal_needs_reconnect': 'Votre connexion Zoom personnelle doit être reconnectée.',

  // Résultat de la connexion
  'connect_result.title': 'Lien Zoom prêt',
  'connect_result.org_self': 'Ouvrez le lien et approuvez dans Zoom avec votre compte d’admin Zoom.',
  'connect_result.org_sent': 'La demande d’approbation a été envoyée à {user} par message direct.',
  'connect_result.personal': 'Ouvrez le lien et connectez-vous à votre compte Zoom pour le relier.',
  'connect_result.only_admin': 'Seul un admin Zoom peut approuver : Zoom refuse toute autre personne.',
  'connect_result.recipient_no_zoom_user':
    '{user} n’a pas d’utilisateur Zoom avec son e-mail Slack dans le compte Zoom actuel de l’organisation : à moins d’être admin d’un autre compte Zoom, cette personne ne peut pas approuver.',
  'connect_result.button_org': 'Approuver dans Zoom',
  'connect_result.button_personal': 'Se connecter à Zoom',
  'connect_result.copy': 'Lien à copier, pour l’envoyer à l’admin Zoom autrement :',
  'connect_result.personal_only_you':
    'Ce lien est pour vous seul : quiconque l’ouvre connecte son compte Zoom à vous. Ne le transférez pas ; si quelqu’un d’autre s’en sert, il vous sera demandé de confirmer.',
  'connect_result.expires': 'Le lien est valable jusqu’au {date}.',

  // Message direct de demande d’approbation
  'approval_dm.text': '{requester} vous demande de connecter Zoom pour {workspace}',
  'approval_dm.header': 'Approbation Zoom demandée',
  'approval_dm.reminder_header': 'Rappel : approbation Zoom en attente',
  'approval_dm.body':
    '{requester} vous demande de connecter Zoom pour tout l’espace de travail *{workspace}*, afin que chaque membre puisse utiliser Zoom depuis Slack.',
  'approval_dm.only_admin':
    'Seul un admin Zoom (rôle Owner ou Admin du compte Zoom) peut approuver. Si ce n’est pas vous, transférez cette demande.',
  'approval_dm.note': 'Note de {requester} :',
  'approval_dm.forwarded': '{user} vous a transféré cette demande.',
  'approval_dm.reminder': 'Cette demande vous attend toujours.',
  'approval_dm.expires': 'Le lien est valable jusqu’au {date}.',
  'approval_dm.approve': 'Approuver dans Zoom',
  'approval_dm.decline': 'Refuser',
  'approval_dm.decline_confirm_title': 'Refuser cette demande ?',
  'approval_dm.decline_confirm_text': 'La personne à l’origine de la demande sera prévenue de votre refus.',
  'approval_dm.forward': 'Pas moi — transférer',

  // Transfert
  'forward.title': 'Transférer la demande',
  'forward.submit': 'Transférer',
  'forward.intro':
    'Choisissez l’admin Zoom qui doit approuver. Cette personne reçoit la demande par message direct, et {requester} est prévenu.',
  'forward.recipient_label': 'Admin Zoom',

  // Messages directs de résultat
  'dm.completed_org.text': 'Zoom est maintenant connecté pour {workspace}',
  'dm.completed_org.requester':
    'Zoom est maintenant connecté pour tout l’espace de travail *{workspace}*, approuvé par l’admin Zoom {email}. Chaque membre peut désormais utiliser `/zoom-meet`.',
  'dm.completed_org.approver':
    'Merci ! Zoom est maintenant connecté pour tout l’espace de travail *{workspace}* avec votre utilisateur Zoom {email}.',
  'dm.declined.text': 'Votre demande Zoom a été refusée',
  'dm.declined': '{user} a refusé votre demande de connexion de Zoom pour *{workspace}*.',
  'dm.declined_hint': 'Vous pouvez envoyer la demande à un autre admin Zoom.',
  'dm.not_admin.text': 'Zoom n’a pas été connecté : pas un admin Zoom',
  'dm.not_admin':
    'Quelqu’un a ouvert votre lien d’approbation avec l’utilisateur Zoom {email}, mais cet utilisateur n’est pas admin Zoom (rôle : {role}). Rien n’a été connecté.',
  'dm.not_admin_hint': 'Le lien reste valable pour un admin Zoom (rôle Owner ou Admin).',
  'dm.expired.text': 'Votre lien d’approbation Zoom a expiré',
  'dm.expired': 'Votre demande de connexion de Zoom pour *{workspace}* a expiré le {date} sans approbation.',
  'dm.expired_recipient': 'Elle avait été envoyée à {user}.',
  'dm.forwarded.text': 'Votre demande Zoom a été transférée',
  'dm.forwarded': '{from} a transféré votre demande Zoom à {to}.',
  'dm.personal_connected.text': 'Votre compte Zoom personnel est connecté',
  'dm.personal_connected':
    'Votre compte Zoom personnel {email} est connecté. Il sert désormais pour vos réunions.',
  'dm.personal_connected_backup': 'La connexion de l’organisation reste disponible en secours.',
  'dm.personal_disconnected.text': 'Votre compte Zoom personnel est déconnecté',
  'dm.personal_disconnected.by_user': 'Votre compte Zoom personnel {email} est déconnecté.',
  'dm.personal_disconnected.needs_reconnect':
    'Votre connexion Zoom personnelle ({email}) ne fonctionne plus et doit être reconnectée.',
  'dm.personal_disconnected.removed': 'Votre connexion Zoom personnelle ({email}) a été supprimée dans Zoom.',
  'dm.personal.org_takes_over': 'En attendant, la connexion Zoom de l’organisation sert pour vos réunions.',
  'dm.personal.no_fallback':
    'Tant que vous ne vous reconnectez pas, vous ne pouvez pas créer de réunion Zoom depuis Slack.',

  // Alertes sur la connexion de l’organisation
  'dm.org_alert.text_needs_reconnect': 'La connexion Zoom de l’organisation doit être reconnectée',
  'dm.org_alert.text_disconnected': 'La connexion Zoom de l’organisation s’est arrêtée',
  'dm.org_alert.header_needs_reconnect': 'Connexion Zoom à reconnecter',
  'dm.org_alert.header_disconnected': 'Connexion Zoom arrêtée',
  'dm.org_alert.impact':
    'Les membres sans connexion Zoom personnelle ne peuvent plus créer de réunion tant qu’un admin Zoom n’a pas approuvé à nouveau. Les réunions déjà créées par son intermédiaire restent valables : elles sont organisées par les utilisateurs Zoom des membres eux-mêmes.',
  'dm.org_alert.affected_members': 'Membres qui en dépendaient : {count}',
  'dm.org_alert.workspace': 'Espace de travail : *{workspace}*',
  'dm.zoom_user_stopped.text': 'La connexion Zoom de {workspace} s’est arrêtée avec votre utilisateur Zoom',
  'dm.zoom_user_stopped':
    'La connexion Zoom de l’organisation de *{workspace}* passait par votre utilisateur Zoom {email}, et elle s’est arrêtée : {reason} Ses admins Slack ont été prévenus ; tant qu’un admin Zoom n’a pas approuvé de nouveau, les membres sans compte Zoom personnel ne peuvent pas créer de réunion.',
  'dm.alert_resolved.org':
    'Résolu le {date} : la connexion Zoom de l’organisation de *{workspace}* fonctionne de nouveau, avec {email}. Plus rien à faire.',
  'dm.alert_resolved.personal':
    'Résolu le {date} : votre compte Zoom personnel {email} est de nouveau connecté. Plus rien à faire.',
  'dm.org_alert.hint': 'Reconnectez avec un admin Zoom — pas forcément le même qu’avant.',
  'org_reason.admin_role_lost': 'L’utilisateur Zoom {email} n’est plus admin Zoom.',
  'org_reason.token_rejected': 'Zoom a refusé les jetons de la connexion.',
  'org_reason.scope_missing': 'Il manque une autorisation nécessaire à l’application Zoom.',
  'org_reason.app_removed': 'L’application a été retirée du compte Zoom.',
  'org_reason.zoom_user_deleted': 'L’utilisateur Zoom {email} a été supprimé.',
  'org_reason.zoom_user_deactivated': 'L’utilisateur Zoom {email} a été désactivé.',
  'org_reason.zoom_user_disassociated': 'L’utilisateur Zoom {email} a été retiré du compte Zoom.',
  'org_reason.admin_disconnected': '{user} l’a déconnectée.',
  'org_reason.unknown': 'La connexion ne fonctionne plus.',

  // Réunions concernées
  'dm.affected.text': 'Ce que deviennent vos prochaines réunions Zoom',
  'dm.affected.header': 'Vos prochaines réunions Zoom',
  'dm.affected.body':
    'La connexion Zoom de l’organisation s’est arrêtée. Les réunions que vous avez créées par son intermédiaire sont organisées par votre propre utilisateur Zoom : elles n’en dépendent pas.',
  'dm.affected.fix_personal':
    'Pour créer de nouvelles réunions en attendant, connectez votre compte Zoom personnel.',
  'dm.affected.has_personal':
    'Votre compte Zoom personnel est toujours connecté : les nouvelles réunions l’utilisent.',

  // Utilisateurs connectés
  'users.title': 'Utilisateurs connectés',
  'users.empty': 'Aucun membre ne correspond à ce filtre.',
  'users.filter_placeholder': 'Filtrer',
  'users.prev': 'Précédent',
  'users.next': 'Suivant',
  'filter.all': 'Tous les membres',
  'filter.personal': 'Zoom personnel',
  'filter.org': 'Zoom de l’organisation',
  'filter.none': 'Aucun compte Zoom',
  'filter.needs_reconnect': 'À reconnecter',
  'filter.zoom_not_found': 'Aucun utilisateur Zoom',
  'filter.opted_out': 'Retirés de l’organisation',
  'row.personal': 'personnel ({email})',
  'row.org': 'organisation',
  'row.none': 'aucun compte Zoom',
  'row.needs_reconnect': 'connexion personnelle à reconnecter',
  'row.zoom_not_found': 'aucun utilisateur Zoom pour {email}',
  'row.opted_out': 'retiré de l’organisation',
  'row.admin': 'admin',

  // Demandes d’approbation
  'requests.title': 'Liens d’approbation en attente',
  'requests.empty': 'Aucun lien d’approbation en attente.',
  'requests.kind_org': 'Connexion de l’organisation',
  'requests.kind_personal': 'Connexion personnelle',
  'requests.asked_by': 'demandé par {user}',
  'requests.sent_to': 'envoyé à {user}',
  'requests.not_sent': 'lien partagé à la main',
  'requests.expires': 'expire {date}',
  'requests.resend': 'Renvoyer',
  'requests.cancel': 'Annuler',
  'requests.cancel_confirm_title': 'Annuler ce lien ?',
  'requests.cancel_confirm_text': 'Le lien cesse aussitôt de fonctionner.',
  'requests.cancel_confirm_yes': 'Annuler le lien',
  'requests.resend_hint': 'Renvoyer crée un nouveau lien ; l’ancien cesse de fonctionner.',

  // Paramètres
  'settings.title': 'Paramètres Zoom',
  'settings.submit': 'Enregistrer',
  'settings.intro': 'Ces paramètres s’appliquent à la connexion Zoom de l’organisation dans *{workspace}*.',
  'settings.label': 'Connexion de l’organisation',
  'settings.auto_summary': 'Démarrer automatiquement le résumé de réunion',
  'settings.auto_summary_desc': 'Pour chaque réunion créée via la connexion de l’organisation.',
  'settings.allow_opt_out': 'Permettre aux membres de ne plus utiliser le compte Zoom de l’organisation',
  'settings.allow_opt_out_desc': 'Un membre qui le fait n’utilise qu’un compte Zoom personnel, ou aucun.',
  'settings.last_changed': 'Dernière modification par {user}, {date}.',
  'settings.never_changed': 'Paramètres par défaut, jamais modifiés.',
  'settings.summary_line': 'Démarrage automatique du résumé : {value}',
  'settings.opt_out_line': 'Les membres peuvent renoncer au compte Zoom de l’organisation : {value}',

  // Déconnexion
  'disconnect.title': 'Déconnecter Zoom',
  'disconnect.submit': 'Confirmer',
  'disconnect.choose': 'Que voulez-vous faire ?',
  'disconnect.option.personal': 'Déconnecter mon compte Zoom personnel',
  'disconnect.option.opt_out': 'Ne plus utiliser le Zoom de l’organisation',
  'disconnect.option.opt_in': 'Utiliser à nouveau le Zoom de l’organisation',
  'disconnect.option.org': 'Déconnecter Zoom pour toute l’organisation',
  'disconnect.personal_then_org': 'Vos réunions utiliseront la connexion de l’organisation.',
  'disconnect.personal_then_none': 'Vous ne pourrez plus créer de réunion avant de vous reconnecter.',
  'disconnect.opt_out_desc': 'Seul un compte Zoom personnel sera utilisé pour vous.',
  'disconnect.opt_in_desc': 'La connexion de l’organisation vous sert à nouveau.',
  'disconnect.org_desc': 'Arrête Zoom pour tous ceux qui n’ont pas de compte personnel.',
  'disconnect.nothing':
    'Il n’y a rien à déconnecter : vous n’avez pas de connexion Zoom personnelle, et cet espace de travail ne permet pas aux membres de se retirer de la connexion de l’organisation.',
  'disconnect.impact_title': 'Conséquences de la déconnexion de l’organisation',
  'disconnect.impact_members': 'Membres qui en dépendent : *{count}*',
  'disconnect.impact_meetings':
    'Prochaines réunions créées par son intermédiaire : *{count}* — elles restent valables (chacune est organisée par l’utilisateur Zoom de son membre).',
  'disconnect.impact_kept':
    'Les membres conservent leurs connexions Zoom personnelles et peuvent toujours en créer de nouvelles.',
  'disconnect.impact_danger': 'Zoom s’arrête pour chaque membre qui n’a pas de connexion personnelle.',
  'disconnect.confirm_label': 'Confirmation',
  'disconnect.confirm_option': 'Oui, déconnecter Zoom pour tout le monde',

  // Erreurs de saisie
  'validation.choice_required': 'Choisissez une option.',
  'validation.recipient_required': 'Choisissez l’admin Zoom qui doit recevoir la demande.',
  'validation.recipient_is_bot': 'Choisissez une personne, pas une application.',
  'validation.recipient_deactivated':
    '{user} est désactivé dans Slack et ne peut pas approuver : choisissez quelqu’un d’autre.',
  'validation.recipient_is_self':
    'Vous vous êtes choisi vous-même : choisissez plutôt « Je suis l’admin Zoom — approuver maintenant ».',
  'validation.note_too_long': 'La note ne doit pas dépasser {max} caractères.',
  'validation.confirm_required': 'Cochez la case pour confirmer.',
  'validation.topic_too_long': 'Le sujet ne doit pas dépasser {max} caractères.',
  'validation.channel_required': 'Choisissez où publier le lien de la réunion.',

  // Réunions
  'meeting.text': '{user} a créé une réunion Zoom : {topic}',
  'meeting.default_topic': 'Réunion Zoom',
  'meeting.join': 'Rejoindre la réunion',
  'meeting.via_personal': 'Créée par {user} · organisée par {email} via son compte Zoom personnel',
  'meeting.via_org': 'Créée par {user} · organisée par {email} via le compte Zoom de l’organisation',
  'meeting.starts': 'Début : {date}',
  'meeting.id': 'ID de réunion : {id}',
  'meeting.summary_on': 'Le résumé de la réunion démarre automatiquement.',
  'meeting_modal.title': 'Nouvelle réunion Zoom',
  'meeting_modal.submit': 'Créer',
  'meeting_modal.topic_label': 'Sujet',
  'meeting_modal.topic_placeholder': 'De quoi parle la réunion ?',
  'meeting_modal.channel_label': 'Publier le lien dans',
  'no_account.text': 'Aucune réunion Zoom n’a été créée',
  'no_account.title': 'Aucune réunion n’a été créée : vous n’avez pas de compte Zoom actif.',
  'zoom_user_not_found.text': 'Aucune réunion Zoom n’a été créée',
  'zoom_user_not_found.body':
    'Aucune réunion n’a été créée : le compte Zoom de l’organisation n’a aucun utilisateur avec votre adresse e-mail Slack ({email}).',
  'zoom_user_not_found.fix':
    'Demandez à votre admin Zoom de vous ajouter au compte Zoom avec cette adresse, ou connectez votre compte Zoom personnel.',

  // Accueil de l’application
  'home.title': 'Votre Zoom',
  'home.admin_title': 'Administration',
  'home.org_title': 'Connexion de l’organisation',
  'home.org.active': 'Active',
  'home.org.needs_reconnect': 'À reconnecter',
  'home.org.disconnected': 'Déconnectée',
  'home.org.none': 'Non connectée',
  'home.org.status': 'État : *{status}*',
  'home.org.zoom_user': 'Utilisateur Zoom : {email}',
  'home.org.since': 'Depuis : {date}',
  'home.org.last_check': 'Dernière vérification : {date}',
  'home.org.connected_by': 'Connectée par {user}',
  'home.org.reason': 'Motif : {reason}',
  'home.org.not_connected':
    'Zoom n’est pas encore connecté pour l’organisation. Connectez-le pour que chaque membre puisse utiliser Zoom sans rien faire.',
  'home.settings_title': 'Paramètres',
  'home.audit_title': 'Activité récente',
  'home.audit_empty': 'Rien pour l’instant.',
  'home.audit_by': 'par {user}',
  'home.audit_asked_by': '(demandé par {user})',

  // Journal d’audit
  'audit.org_connected': 'Connexion de l’organisation approuvée dans Zoom par {email}',
  'audit.org_handed_over': 'Connexion de l’organisation transmise à l’admin Zoom {email}',
  'audit.org_disconnected': 'Connexion de l’organisation déconnectée',
  'audit.org_needs_reconnect': 'Connexion de l’organisation à reconnecter',
  'audit.personal_connected': 'Compte Zoom personnel {email} connecté',
  'audit.personal_disconnected': 'Connexion personnelle supprimée',
  'audit.personal_needs_reconnect': 'Connexion personnelle à reconnecter',
  'audit.opted_out': 'Retrait de la connexion de l’organisation',
  'audit.opted_in': 'Retour à la connexion de l’organisation',
  'audit.workspace_uninstalled': 'App Slack désinstallée : autorisations Zoom libérées',
  'audit.workspace_reinstalled': 'App Slack réinstallée',
  'audit.zoom_user_data_deleted': 'Données d’un utilisateur Zoom supprimées à sa demande',
  'audit.settings_changed': 'Paramètres modifiés',
  'audit.request_created': 'Lien d’approbation créé',
  'audit.request_sent': 'Demande d’approbation envoyée en message direct',
  'audit.request_created_personal': 'Lien de connexion personnelle créé',
  'audit.request_expired_personal': 'Lien de connexion personnelle expiré',
  'audit.request_cancelled_personal': 'Lien de connexion personnelle annulé',
  'audit.request_resent': 'Lien d’approbation renvoyé',
  'audit.request_cancelled': 'Lien d’approbation annulé',
  'audit.request_declined': 'Demande d’approbation refusée',
  'audit.request_expired': 'Lien d’approbation expiré',
  'audit.request_forwarded': 'Demande d’approbation transférée',
  'audit.request_not_admin': 'Approbation refusée : pas un admin Zoom',

  // Réponses aux commandes
  'notice.settings_saved': 'Paramètres enregistrés pour *{workspace}*.',
  'notice.request_sent': 'Demande d’approbation envoyée à {user}.',
  'notice.request_cancelled': 'Le lien d’approbation est annulé.',
  'notice.request_resent': 'Un nouveau lien a été envoyé à {user} ; l’ancien ne fonctionne plus.',
  'notice.request_resent_no_recipient': 'Un nouveau lien a été créé ; l’ancien ne fonctionne plus.',
  'notice.request_declined': 'Vous avez refusé la demande. {user} a été prévenu.',
  'notice.request_forwarded': 'Transférée à {to}. {from} a été prévenu.',
  'notice.personal_disconnected': 'Votre compte Zoom personnel est déconnecté.',
  'notice.opted_out': 'Vous n’utilisez plus la connexion Zoom de l’organisation.',
  'notice.opted_in': 'Vous utilisez à nouveau la connexion Zoom de l’organisation.',
  'notice.org_disconnected':
    'Zoom est déconnecté pour l’organisation. Les membres ayant une connexion personnelle la conservent.',
  'notice.unknown_argument':
    'Option inconnue « {arg} ». Tapez `{command} help` pour voir les options disponibles.',
  'notice.user_not_found': 'Je n’ai pas trouvé cet utilisateur Slack.',
  'notice.working': 'C’est en cours…',

  // Aide
  'help.connect':
    '*`/zoom-connect`* — connecter Zoom.\n• `/zoom-connect` : ouvre la fenêtre de connexion. Les administrateurs choisissent entre toute l’organisation et un compte personnel ; les membres connectent un compte personnel.\n• `/zoom-connect personal` : connecte directement votre propre compte Zoom. Il a priorité sur la connexion de l’organisation tant qu’il fonctionne.\n• `/zoom-connect org` (administrateurs) : connecte Zoom pour toute l’organisation. Seul un admin Zoom (rôle Owner ou Admin) peut approuver : approuvez vous-même, ou envoyez la demande à votre admin Zoom.',
  'help.status':
    '*`/zoom-status`* — quel compte Zoom est actif pour vous, et pourquoi.\n• `/zoom-status` : votre compte actif, son compte de secours, et que faire si aucun ne fonctionne.\n• `/zoom-status @quelqu’un` (administrateurs) : la même chose pour un autre membre.\n• `/zoom-status users` (administrateurs) : la liste des utilisateurs connectés.\n• `/zoom-status requests` (administrateurs) : les liens d’approbation en attente, à renvoyer ou annuler.',
  'help.settings':
    '*`/zoom-settings`* (administrateurs) — ouvre les paramètres de la connexion de l’organisation :\n• démarrer automatiquement le résumé des réunions créées via la connexion de l’organisation ;\n• permettre aux membres de se déconnecter eux-mêmes de la connexion de l’organisation.',
  'help.disconnect':
    '*`/zoom-disconnect`* — ouvre une fenêtre pour confirmer l’une de ces actions :\n• déconnecter votre compte Zoom personnel (la connexion de l’organisation prend le relais) ;\n• ne plus utiliser, ou utiliser à nouveau, la connexion de l’organisation, si votre espace de travail le permet ;\n• administrateurs : déconnecter Zoom pour toute l’organisation, après avoir vu qui et quoi cela concerne.',
  'help.meet':
    '*`/zoom-meet`* — une réunion Zoom avec votre compte actif (le message indique quel compte l’organise).\n• `/zoom-meet` seul : la fenêtre Nouvelle réunion (sujet, date et heure, durée, invités, où publier).\n• `/zoom-meet Point hebdo` : une réunion immédiate, son lien publié dans ce canal.\n• `/zoom-meet Point hebdo demain 10h 45 min @bob` : planifiée à votre heure ; chaque invité reçoit un message privé avec l’heure chez lui. L’anglais marche aussi : `tomorrow 10:00 45m`. Mettez entre guillemets un sujet qui contient une date.\n• `/zoom-meet liste` : vos prochaines réunions, avec Annuler.',
  'help.overview':
    'Commandes Zoom : `/zoom-connect`, `/zoom-status`, `/zoom-settings`, `/zoom-disconnect`, `/zoom-meet`. Ajoutez `help` à l’une d’elles pour en savoir plus.',

  // Erreurs
  'error.not_admin':
    'Seuls les administrateurs et propriétaires de l’espace de travail Slack peuvent faire cela.',
  'error.not_allowed': 'Votre espace de travail ne le permet pas.',
  'error.request_not_found': 'Cette demande d’approbation n’existe pas (ou plus).',
  'error.request_expired': 'Ce lien d’approbation a expiré. Demandez-en un nouveau.',
  'error.request_not_pending': 'Cette demande d’approbation est déjà close : terminée, refusée ou annulée.',
  'error.state_invalid':
    'La connexion à Zoom n’a pas pu être rattachée à une demande. Ouvrez à nouveau le lien et réessayez.',
  'error.no_active_account':
    'Vous n’avez aucun compte Zoom actif. Connectez-en un avec `/zoom-connect personal`.',
  'error.zoom_user_not_found':
    'Le compte Zoom de l’organisation n’a aucun utilisateur avec votre adresse e-mail Slack.',
  'error.needs_reconnect': 'La connexion Zoom ne fonctionne plus et doit être reconnectée.',
  'error.zoom_not_admin':
    'Cet utilisateur Zoom n’est pas admin Zoom (rôle Owner ou Admin) : rien n’a été connecté.',
  'error.invalid_grant': 'Zoom a refusé l’autorisation. Veuillez vous reconnecter.',
  'error.token_invalid': 'Zoom n’accepte plus cette connexion. Veuillez vous reconnecter.',
  'error.missing_scope':
    'Il manque une autorisation à l’application Zoom. Un administrateur doit la reconnecter.',
  'error.rate_limited': 'Zoom limite les requêtes en ce moment. Réessayez dans quelques minutes.',
  'error.user_not_found': 'Zoom ne connaît pas cet utilisateur.',
  'error.server_error': 'Zoom rencontre des difficultés. Réessayez dans quelques minutes.',
  'error.network': 'Zoom est injoignable. Réessayez dans quelques minutes.',
  'error.bad_response': 'Zoom a envoyé une réponse inattendue. Réessayez dans quelques minutes.',
  'error.org_not_connected': 'Zoom n’est pas connecté pour l’organisation.',
  'error.personal_not_connected': 'Vous n’avez pas de connexion Zoom personnelle.',
  'error.invalid_input': 'Cette saisie n’est pas valide.',
  'error.slack_error': 'Slack a refusé la requête. Réessayez dans un instant.',
  'error.expired_trigger': 'Cela a pris trop de temps. Relancez la commande.',
  'error.deleted_user': 'Ce compte Slack est désactivé.',
  'error.request_busy':
    'Cette demande est en cours de finalisation. Patientez un instant, puis vérifiez à nouveau.',
  'error.wrong_link_kind':
    'Ce lien n’est pas prévu pour ce type de connexion. Demandez-en un nouveau dans Slack.',
  'error.authorization_denied':
    'Zoom n’a pas autorisé l’application : rien n’a été connecté. Vous pouvez ouvrir à nouveau le lien.',
  'error.no_email':
    'Votre profil Slack n’a pas d’adresse e-mail : impossible de vous associer à un utilisateur Zoom. Connectez plutôt votre compte Zoom personnel.',
  'error.not_connected': 'Il n’y a aucune connexion Zoom à déconnecter.',
  'error.zoom_failed': 'Zoom n’a pas pu traiter la demande pour le moment. Réessayez dans quelques minutes.',
  'error.dm_failed':
    'Je n’ai pas pu envoyer la demande d’approbation en message privé. Copiez le lien affiché et envoyez-le vous-même.',
  'error.title_short': 'Action impossible',
  'error.busy': 'Zoom Org Connect est très sollicité en ce moment. Réessayez dans une minute.',
  'error.unavailable': 'Zoom Org Connect est momentanément indisponible. Réessayez dans une minute.',
  'error.internal':
    'Un problème est survenu de notre côté. Réessayez ; si cela persiste, prévenez votre administrateur Slack.',

  // Pages HTML des liens (DESIGN §2.2)
  'page.approve.title': 'Approuver Zoom pour {workspace}',
  'page.approve.heading': 'Connecter Zoom pour toute l’organisation',
  'page.approve.body.one':
    'Ce lien connecte le compte Zoom utilisé par le membre de l’espace de travail Slack {workspace} ({count} membre). {requester} l’a demandé et l’a envoyé à {recipient}.',
  'page.approve.body.other':
    'Ce lien connecte le compte Zoom utilisé par les {count} membres de l’espace de travail Slack {workspace}. {requester} l’a demandé et l’a envoyé à {recipient}.',
  'page.approve.only_admin':
    'Seul un administrateur du compte Zoom de votre organisation peut approuver : Zoom vous demande de vous connecter, puis l’application vérifie que vous pouvez administrer le compte.',
  'page.approve.button': 'Continuer vers Zoom',
  'page.connect.title': 'Connecter un compte Zoom pour {member}',
  'page.connect.heading': 'Connecter un compte Zoom personnel',
  'page.connect.body':
    'Ce lien relie un compte Zoom à {member} dans l’espace de travail Slack {workspace}, pour les réunions de {member}.',
  'page.connect.only_you':
    'Ne continuez que si vous êtes {member}. Si quelqu’un vous a envoyé ce lien, fermez cette page.',
  'page.connect.button': 'Continuer vers Zoom',
  'page.expires': 'Ce lien est valable jusqu’au {date}.',
  'page.expired.title': 'Lien expiré',
  'page.expired.body': 'Ce lien a expiré le {date}. Demandez-en un nouveau dans Slack avec /zoom-connect.',
  'page.forwarded.title': 'Lien transféré',
  'page.forwarded.body':
    'Cette demande a été transférée à {name} le {date}, avec un nouveau lien. Ce lien-ci ne fonctionne plus.',
  'page.superseded.title': 'Zoom est déjà connecté',
  'page.superseded.body':
    'Zoom a été connecté pour {workspace} par {name} le {date} avec l’utilisateur Zoom {email}, par une autre demande. Ce lien n’est plus nécessaire.',
  'page.used.title': 'Déjà fait',
  'page.used_org.body': 'Ce lien a servi le {date} : Zoom a été connecté pour {workspace} avec {email}.',
  'page.used_personal.body': 'Ce lien a servi le {date} : le compte Zoom {email} a été relié à {member}.',
  'page.now.active': 'La connexion fonctionne. Vous pouvez fermer cette page.',
  'page.now.needs_reconnect':
    'Depuis, la connexion ne fonctionne plus et doit être approuvée à nouveau : demandez un nouveau lien dans Slack avec /zoom-connect.',
  'page.now.disconnected':
    'Depuis, la connexion a été déconnectée : demandez un nouveau lien dans Slack avec /zoom-connect.',
  'page.now.none':
    'Depuis, la connexion a été supprimée : demandez un nouveau lien dans Slack avec /zoom-connect.',
  'page.cancelled.title': 'Lien annulé',
  'page.cancelled.body':
    'Ce lien a été annulé. Demandez-en un nouveau dans Slack avec /zoom-connect si besoin.',
  'page.declined.title': 'Demande refusée',
  'page.declined.body': 'Cette demande a été refusée. Demandez-en une nouvelle dans Slack si besoin.',
  'page.not_found.title': 'Lien introuvable',
  'page.not_found.body': 'Ce lien n’existe pas ou n’est plus valable. Vérifiez qu’il a été copié en entier.',
  'page.account_coverage.one':
    'Compte Zoom {account} ({id}) : {found} sur {count} membre de {workspace} trouvé par e-mail.',
  'page.account_coverage.other':
    'Compte Zoom {account} ({id}) : {found} sur {count} membres de {workspace} trouvés par e-mail.',
  'page.success_org.title': 'Zoom est connecté',
  'page.success_org.body':
    'Zoom est maintenant connecté pour tout l’espace de travail {workspace} avec l’utilisateur Zoom {email}. Ses membres peuvent l’utiliser depuis Slack dès maintenant.',
  'page.success_personal.title': 'Compte Zoom connecté',
  'page.success_personal.body':
    'Vous avez relié le compte Zoom {email} à {member} dans {workspace}. Il sera utilisé pour les réunions de {member} à partir de maintenant.',
  'page.parked_personal.title': 'En attente de {member}',
  'page.parked_personal.body':
    'Vous vous êtes connecté à Zoom en tant que {email}, qui n’est pas l’e-mail de {member} dans Slack. Le compte ne sera utilisé qu’une fois que {member} l’aura confirmé dans Slack, sous 24 heures ; sinon rien n’est conservé.',
  'page.parked_org.title': 'En attente d’un administrateur Slack',
  'page.parked_org.signed_in':
    'Vous vous êtes connecté à Zoom en tant que {email}. Zoom vous a reconnu comme admin de ce compte.',
  'page.parked_org.other_account':
    'C’est un autre compte Zoom que celui connecté actuellement ({current}). Un administrateur Slack doit confirmer le changement dans Slack ; la connexion actuelle continue de servir d’ici là.',
  'page.parked_org.other_account_stopped':
    'C’est un autre compte Zoom que celui connecté jusqu’ici ({current}), qui ne sert plus. Un admin Slack doit confirmer le changement dans Slack ; d’ici là, personne n’utilise celui-ci.',
  'page.parked_org.zero_coverage':
    'Aucun membre de {workspace} n’a d’utilisateur Zoom avec son e-mail Slack dans ce compte Zoom : il ne servirait à personne. Un administrateur Slack doit le confirmer ou l’annuler dans Slack.',
  'page.parked_org.requester_not_admin':
    '{requester}, qui a demandé cette connexion, n’est plus administrateur Slack : un autre administrateur Slack doit la confirmer dans Slack.',
  'page.not_admin.title': 'Un admin Zoom est nécessaire',
  'page.not_admin.body':
    'L’utilisateur Zoom {email} ne peut pas administrer son compte Zoom (rôle : {role}) : rien n’a été connecté. Le lien reste valable : un admin Zoom peut l’ouvrir, ou transférez la demande dans Slack avec « Pas moi — transférer ».',
  'page.error.title': 'Un problème est survenu',
  'page.error.body': 'La connexion n’a pas pu aboutir. Ouvrez à nouveau le lien pour réessayer.',
  'page.denied.title': 'Autorisation refusée',
  'page.denied.body':
    'Zoom n’a pas autorisé l’application : rien n’a été connecté. Vous pouvez ouvrir à nouveau le lien.',
  'page.busy.title': 'C’est presque fini',
  'page.busy.body': 'Cette demande est en cours de finalisation. Actualisez cette page dans un instant.',
  'page.state_invalid.title': 'Connexion expirée',
  'page.state_invalid.body':
    'Cette connexion à Zoom n’a pas été lancée depuis ce lien dans ce navigateur, ou a pris trop de temps. Ouvrez à nouveau le lien.',
  'page.csrf.title': 'Ouvrez à nouveau le lien',
  'page.csrf.body':
    'Cette page n’a pas été ouverte depuis son lien dans ce navigateur, ou elle est restée ouverte trop longtemps. Ouvrez à nouveau le lien, puis appuyez sur le bouton.',
  'page.close_hint': 'Vous pouvez fermer cette page.',
  // Parked approvals and closed requests (issue 13)
  'common.someone': 'quelqu’un',
  'common.keep_current': 'Garder l’actuel',
  'coverage.line.one': 'Compte Zoom {account} ({id}) : {found} sur {count} membre trouvé par e-mail.',
  'coverage.line.other': 'Compte Zoom {account} ({id}) : {found} sur {count} membres trouvés par e-mail.',
  'dm.completed_org.missing.one':
    '{count} membre n’a pas d’utilisateur Zoom avec son e-mail Slack dans ce compte : il peut connecter un compte personnel.',
  'dm.completed_org.missing.other':
    '{count} membres n’ont pas d’utilisateur Zoom avec leur e-mail Slack dans ce compte : ils peuvent connecter un compte personnel.',
  'parked.personal.text': 'Utiliser le compte Zoom {email} pour vos réunions ?',
  'parked.personal.header': 'Est-ce votre compte Zoom ?',
  'parked.personal.body':
    'Votre lien Zoom personnel vient de servir à se connecter à Zoom en tant que {email}, qui n’est pas votre e-mail Slack ({slackEmail}).',
  'parked.personal.question':
    'Ce compte ne sera pas utilisé tant que vous ne l’aurez pas accepté. Si ce n’est pas vous, ou pas votre compte, appuyez sur Annuler : l’autorisation est retirée chez Zoom.',
  'parked.personal.until': 'Décidez avant le {date} ; passé ce délai, rien n’est conservé.',
  'parked.org.text': 'Un admin Slack doit confirmer le compte Zoom approuvé par {email}',
  'parked.org.header': 'Confirmez le compte Zoom de l’organisation',
  'parked.org.body': 'L’admin Zoom {email} a approuvé la connexion Zoom pour *{workspace}*.',
  'parked.org.other_account':
    'C’est un autre compte Zoom que celui qui sert tout le monde aujourd’hui ({current}). Y passer tous les membres ? La connexion actuelle reste utilisée jusqu’à votre confirmation.',
  'parked.org.other_account_stopped':
    'C’est un autre compte Zoom que celui connecté jusqu’ici ({current}, qui ne sert plus). Y passer tous les membres ?',
  'parked.org.zero_coverage':
    'Aucun membre n’a d’utilisateur Zoom avec son e-mail Slack dans ce compte : il ne servirait à personne. Utilisez-le quand même, ou annulez et demandez à un admin du bon compte Zoom.',
  'parked.org.requester_not_admin':
    '{requester}, qui l’a demandée, n’est plus admin Slack : un admin Slack doit donc la confirmer.',
  'parked.org.until':
    'N’importe quel admin Slack peut décider avant le {date} ; passé ce délai, rien n’est conservé.',
  'parked.use_account': 'Utiliser ce compte',
  'parked.switch_account': 'Changer de compte',
  'parked.confirm': 'L’utiliser pour tous',
  'parked.cancel': 'Annuler',
  'parked.confirm_title': 'Utiliser ce compte Zoom ?',
  'parked.switch_confirm_title': 'Changer de compte Zoom ?',
  'parked.confirm_text':
    'Chaque membre sans compte Zoom personnel créera ses réunions avec le compte Zoom approuvé par {email}.',
  'parked.approver.text': 'Merci : un admin Slack va confirmer la connexion Zoom',
  'parked.approver.body':
    'Merci ! Votre approbation pour *{workspace}* est reçue ; un admin Slack la confirme dans Slack avant qu’elle serve à quiconque. Vous n’avez plus rien à faire.',
  'parked.decide_by': 'En attente d’une décision jusqu’au {date}.',
  'parked.section': 'En attente de votre confirmation',
  'parked.decided.personal_confirmed': 'C’est fait : {email} est maintenant votre compte Zoom personnel.',
  'parked.decided.personal_cancelled':
    'Annulé le {date} : {email} n’est pas utilisé et son autorisation a été retirée chez Zoom.',
  'parked.decided.org_confirmed':
    '{user} a confirmé le {date} : la connexion Zoom de l’organisation utilise maintenant {email}.',
  'parked.decided.org_cancelled':
    '{user} a annulé le {date} : le compte Zoom approuvé par {email} n’est pas utilisé.',
  'parked.decided.expired': 'Personne n’a confirmé à temps : le compte Zoom {email} n’a pas été conservé.',
  'request_closed.completed':
    'Fait le {date} : Zoom est connecté pour *{workspace}* avec {email}. Cette demande est close.',
  'request_closed.lead': 'Approbation Zoom demandée par {requester} pour *{workspace}*',
  'request_closed.superseded':
    'Plus nécessaire : {user} a connecté Zoom pour *{workspace}* avec {email} le {date}.',
  'request_closed.declined': '{user} a refusé cette demande le {date}.',
  'request_closed.cancelled': '{user} a annulé cette demande le {date} ; son lien ne fonctionne plus.',
  'request_closed.expired': 'Cette demande a expiré le {date} ; son lien ne fonctionne plus.',
  'request_closed.forwarded': 'Transférée à {to} le {date} ; ce lien ne fonctionne plus.',
  'request_closed.replaced': 'Un nouveau lien a remplacé celui-ci le {date} ; voyez le message plus récent.',
  'request_closed.awaiting_confirmation':
    'Connexion à Zoom en tant que {email} le {date} : un admin Slack la confirme maintenant dans Slack.',
  'audit.request_parked': 'Approuvé dans Zoom par {email}, en attente d’un oui dans Slack',
  'audit.request_confirmed': 'Compte Zoom {email} confirmé dans Slack',
  'audit.request_superseded': 'Demande close : Zoom connecté par une autre demande',
  ...adminFr,
  ...meetingsFr,
};
