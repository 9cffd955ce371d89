/** Pure Block Kit builders of the Slack app: `(model, t) => view`. See docs/slack-views.md. */
export {
  connectedUsersMessage,
  connectedUsersModal,
  requestsMessage,
  USERS_MODAL_PAGE_SIZE,
} from './admin-lists.js';
export {
  approvalReminderDm,
  approvalRequestDm,
  notZoomAdminDm,
  requestClosedDm,
  requestCompletedDm,
  requestDeclinedDm,
  requestExpiredDm,
  requestForwardedDm,
} from './approval-dms.js';
export { escapeMrkdwn, truncate } from './blocks.js';
export { connectModal, connectResultModal, forwardModal, NOTE_MAX_LENGTH } from './connect.js';
export {
  affectedMeetingsDm,
  alertResolvedDm,
  orgConnectionAlertDm,
  personalConnectedDm,
  personalDisconnectedDm,
  zoomUserStoppedDm,
} from './connection-dms.js';
export { availableDisconnectChoices, disconnectModal } from './disconnect.js';
export {
  COMMANDS,
  ERROR_CODES,
  type ErrorCode,
  errorKey,
  errorMessage,
  helpMessage,
  isErrorCode,
  type SlashCommand,
} from './help.js';
export { homeView } from './home.js';
export * from './ids.js';
export {
  type EndedMeetingModel,
  endReasonText,
  meetingEndedHostDm,
  meetingEndedMessage,
  meetingHostCopyDm,
  meetingInviteDm,
  meetingLength,
  meetingMessage,
  meetingUnreadableMessage,
  noAccountMessage,
  TOPIC_MAX_LENGTH,
  zoomUserNotFoundMessage,
} from './meeting.js';
export {
  cancelOutcomeMessage,
  LIST_MAX_ROWS,
  type MeetingListModel,
  meetingListMessage,
  meetingNotice,
  type UpcomingMeetingRow,
  upcomingMeetingsBlocks,
} from './meeting-list.js';
export { DEFAULT_DURATION, MAX_INVITEES, MEETING_DURATIONS, newMeetingModal } from './meeting-modal.js';
export type * from './models.js';
export { USER_FILTERS } from './models.js';
export { coverageLine, parkedApprovalDm, parkedApproverDm, parkedBlocks, parkedDecidedDm } from './parked.js';
export { accountChangedDm, settingsModal, settingsSavedDm } from './settings.js';
export { otherUserStatus, statusMessage } from './status.js';
export {
  encodeUsersPage,
  parseRequestId,
  parseUserFilter,
  parseUsersListState,
  parseUsersPage,
  type UsersListState,
  type UsersPageValue,
} from './values.js';
