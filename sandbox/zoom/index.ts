export type { ZoomControl, ZoomState } from './control.js';
export { ControlError } from './control.js';
export type { Fault, FaultInput } from './faults.js';
export { DEFAULT_ZOOM_SEED, loadZoomSeedFile, parseZoomSeed, type ZoomSeed } from './seed.js';
export { startZoomStandIn, type ZoomStandIn, type ZoomStandInOptions } from './server.js';
export type { WebhookDelivery } from './webhook-sender.js';
export { ADMIN_REQUIRED } from './world.js';
