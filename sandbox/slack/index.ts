/** The Slack stand-in (DESIGN §5): import from here in tests, the sandbox entry point and bench. */
export type { ActionQuery, ActResult, EventResult, SubmitValues, Surface } from './actors.js';
export { ActorError } from './actors.js';
export type { BlockKitSurface } from './block-kit/index.js';
export {
  LIMITS,
  validateBlockKit,
  validateMessageBlocks,
  validateView,
} from './block-kit/index.js';
export type { AppResponse, DeliveryOptions } from './delivery.js';
export { escapeCommandText } from './escaping.js';
export type { Fault, FaultInput, Faults } from './faults.js';
export type { ManifestShortcut } from './manifest.js';
export {
  commandEscapingFromManifest,
  loadCommandEscaping,
  loadManifestShortcuts,
  shortcutsFromManifest,
} from './manifest.js';
export type { ActivityEntry, RecordedError } from './recorder.js';
export type { SeedChannel, SeedEnterprise, SeedTeam, SeedUser, SlackSeed } from './seed.js';
export {
  combineSeeds,
  DEFAULT_BOT_SCOPES,
  DEFAULT_SEED,
  GRID_SEED,
  loadSeedFile,
  parseSeed,
  slackSeedSchema,
} from './seed.js';
export { signatureBaseString, signatureHeaders, signRequest } from './signing.js';
export type { SeenMessage, SeenModal, SimulatedUser } from './simulated-user.js';
export { linksIn, visibleText } from './simulated-user.js';
export type { SlackStandIn, SlackStandInOptions } from './stand-in.js';
export { startSlackStandIn, UNFURLER_USER_AGENT } from './stand-in.js';
export type { Workspace } from './workspace.js';
