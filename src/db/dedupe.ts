/**
 * Deduplication of deliveries that Slack or Zoom retry, across instances (DESIGN §4.2): the first
 * instance to insert the delivery key wins; a retry (same key) collides on the unique index and is
 * recognised as seen. Keys expire through the TTL index on `expiresAt`.
 */
import type { Model } from 'mongoose';
import type { ProcessedEventDoc } from './models/index.js';

export type IsDuplicate = (key: string) => Promise<boolean>;

export function createDeliveryDeduper(deps: {
  processedEvents: Model<ProcessedEventDoc>;
  source: 'slack' | 'zoom';
  ttlMs?: number;
  clock?: () => Date;
}): IsDuplicate {
  const clock = deps.clock ?? (() => new Date());
  const ttlMs = deps.ttlMs ?? 24 * 3600_000;
  return async (key) => {
    try {
      await deps.processedEvents.create({
        key: `${deps.source}:${key}`,
        source: deps.source,
        expiresAt: new Date(clock().getTime() + ttlMs),
      });
      return false;
    } catch (error) {
      if ((error as { code?: unknown }).code === 11000) return true;
      throw error;
    }
  };
}
