/** French messages of planned meetings: the same keys as meetings.en.ts (the type says so). */
import type { meetingsEn } from './meetings.en.js';

export const meetingsFr: Record<keyof typeof meetingsEn, string> = {
  'meeting_modal.date_label': 'Date',
  'meeting_modal.time_label': 'Heure de début ({zone})',
  'meeting_modal.duration_label': 'Durée',
  'meeting_modal.invitees_label': 'Inviter',
  'meeting_modal.invitees_hint': 'Chaque personne reçoit un message privé avec le lien et l’heure chez elle.',
  'meeting_modal.host_org':
    'Organisée par votre propre utilisateur Zoom ({email}), créée via le compte Zoom de l’organisation.',
  'meeting_modal.host_personal': 'Organisée par votre compte Zoom personnel ({email}).',
  'meeting_modal.host_unknown': 'Organisée par le compte Zoom que vous utilisez.',
  'meeting_modal.defaults_org':
    'Salle d’attente, code secret et autres réglages de réunion sont ceux par défaut de votre organisation dans Zoom, tels que ses admins Zoom les ont définis.',
  'meeting_modal.defaults_personal':
    'Salle d’attente, code secret et autres réglages de réunion sont ceux par défaut de votre compte Zoom.',
  'validation.meeting_when': 'Choisissez une date et une heure de début.',
  'validation.meeting_past': 'Cette heure est déjà passée. Choisissez-en une plus tard.',
  'meet.length.minutes': '{minutes} min',
  'meet.length.hours': '{hours} h',
  'meet.length.hours_minutes': '{hours} h {minutes}',
  'meet.starts_now': 'Commencée maintenant',
  'meet.length_line': 'Durée : {length}',
  'meet.invited': 'Invités : {users}',
  'meet.invite.text': '{user} vous invite à une réunion Zoom : {topic}',
  'meet.invite.body': '{user} vous invite à *{topic}*.',
  'meet.host_copy.text': 'Votre réunion Zoom {topic} est prête',
  'meet.host_copy.body':
    'Votre réunion *{topic}* est prête. Elle n’a pas pu être publiée là où vous l’avez demandé, la voici donc.',
  'meet.invites_sent.one': '{count} invitation envoyée en message privé.',
  'meet.invites_sent.other': '{count} invitations envoyées en message privé.',
  'meet.ended.text': 'Cette réunion Zoom n’est plus accessible : {topic}',
  'meet.ended.title': '*{topic}* n’est plus accessible',
  'meet.end.cancelled': 'Annulée par {user}.',
  'meet.end.cancelled_unknown': 'Annulée par son organisateur.',
  'meet.end.deleted_in_zoom': 'Elle a été supprimée dans Zoom.',
  'meet.end.deleted_in_zoom_by': 'Elle a été supprimée dans Zoom par {who}.',
  'meet.end.host_deleted':
    'L’utilisateur Zoom de son organisateur ({email}) a été supprimé, et ses réunions avec lui.',
  'meet.end.host_deactivated':
    'L’utilisateur Zoom de son organisateur ({email}) a été désactivé : personne ne peut la démarrer.',
  'meet.was': 'Elle était prévue : {date}.',
  'meet.host_ended.text': 'Votre réunion Zoom {topic} n’est plus accessible',
  'meet.host_ended.posts': 'Sa publication et les invitations l’indiquent désormais.',
  'meet.host_ended.again':
    '*Recréer* crée une nouvelle réunion avec le compte Zoom que vous utilisez maintenant, après vous avoir laissé vérifier l’heure et les invités.',
  'button.create_again': 'Recréer',
  'meet.list.text': 'Vos prochaines réunions Zoom',
  'meet.list.title': 'Vos prochaines réunions Zoom',
  'meet.list.empty': 'Vous n’avez aucune réunion à venir créée depuis Slack. Créez-en une avec `/zoom-meet`.',
  'meet.list.account_personal': 'compte personnel ({email})',
  'meet.list.account_org': 'compte de l’organisation, organisée par {email}',
  'meet.join_link': 'Rejoindre',
  'button.cancel_meeting': 'Annuler la réunion',
  'meet.cancel_confirm.title': 'Annuler cette réunion ?',
  'meet.cancel_confirm.text':
    '« {topic} » sera supprimée dans Zoom, et sa publication et les invitations indiqueront qu’elle est annulée.',
  'meet.cancel_confirm.yes': 'Annuler la réunion',
  'meet.cancel_confirm.no': 'La garder',
  'meet.cancelled':
    '*{topic}* est annulée : supprimée dans Zoom, et sa publication et les invitations l’indiquent désormais.',
  'meet.cancel_not_found': 'Cette réunion n’est pas l’une des vôtres, ou elle n’existe plus.',
  'meet.cancel_already': '*{topic}* était déjà terminée.',
  'meet.cancel_no_account':
    'Impossible de demander à Zoom de supprimer *{topic}* : aucune connexion qui atteint son organisateur ne fonctionne pour l’instant. Supprimez-la dans Zoom ; sa publication suivra.',
  'meet.cancel_failed': 'Zoom n’a pas supprimé *{topic}* pour l’instant. Réessayez dans une minute.',
  'meet.again_gone': 'Cette réunion n’est pas l’une des vôtres : elle ne peut pas être recréée d’ici.',
  'meet.unreadable.text': 'Aucune réunion Zoom n’a été créée',
  'meet.unreadable.time':
    'Aucune réunion n’a été créée : « {part} » ne se lit pas comme une date ou une heure.',
  'meet.unreadable.no_time':
    'Aucune réunion n’a été créée : « {part} » n’a pas d’heure. Ajoutez-en une, par exemple `demain 10h`.',
  'meet.unreadable.past': 'Aucune réunion n’a été créée : « {part} » est déjà passé.',
  'meet.unreadable.duration':
    'Aucune réunion n’a été créée : « {part} » n’est pas une durée de réunion (de 1 minute à 24 heures).',
  'meet.unreadable.invitee':
    'Aucune réunion n’a été créée : personne ne s’appelle {part} dans cet espace de travail.',
  'meet.unreadable.hint':
    'Écrivez par exemple `/zoom-meet Sujet demain 10h 45 min @quelqu’un` (l’anglais marche aussi : `tomorrow 10:00 45m`), et mettez le sujet entre guillemets s’il contient une date. `/zoom-meet` seul ouvre une fenêtre.',
  'home.meetings_title': 'Vos prochaines réunions',
  'dm.org_alert.meetings_keep.one': '{count} prochaine réunion créée par son intermédiaire reste valable.',
  'dm.org_alert.meetings_keep.other':
    '{count} prochaines réunions créées par son intermédiaire restent valables.',
  'dm.org_alert.meetings_ended.one':
    '{count} n’est plus accessible : l’utilisateur Zoom de son organisateur n’existe plus.',
  'dm.org_alert.meetings_ended.other':
    '{count} ne sont plus accessibles : l’utilisateur Zoom de leur organisateur n’existe plus.',
  'dm.org_alert.last_check': 'Dernière vérification : {date}',
  'dm.org_alert.by_zoom': 'Fait dans Zoom par {email}.',
  'dm.affected.keep_title': '*Toujours valables* — rien à faire :',
  'dm.affected.ended_title': '*Plus accessibles :*',
  'disconnect.impact_last_check': 'Dernière vérification : {date}',
  'error.meeting_not_found': 'Cette réunion Zoom n’existe plus.',
};
