/**
 * Fault injection per Web API method: rate limits (429 + Retry-After), server errors, slow answers,
 * each for the next N calls. `method: "*"` matches every method.
 */
import { z } from 'zod';

export const faultSchema = z.object({
  method: z.string().min(1),
  kind: z.enum(['rate_limit', 'server_error', 'delay']),
  /** How many calls it affects; default 1. */
  times: z.number().int().positive().default(1),
  /** rate_limit: the Retry-After seconds; default 1. */
  retryAfter: z.number().int().nonnegative().default(1),
  /** server_error: the HTTP status; default 500. */
  status: z.number().int().min(500).max(599).default(500),
  /** delay: milliseconds before answering normally; default 1000. */
  delayMs: z.number().int().nonnegative().default(1000),
});
export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema>;

export interface Faults {
  add(fault: FaultInput): void;
  clear(): void;
  list(): Fault[];
  /** Consumes one use of the first fault matching the method, if any. */
  take(method: string): Fault | undefined;
}

export function createFaults(): Faults {
  const faults: Fault[] = [];
  return {
    add(fault) {
      faults.push(faultSchema.parse(fault));
    },
    clear() {
      faults.length = 0;
    },
    list: () => faults.map((f) => ({ ...f })),
    take(method) {
      const index = faults.findIndex((f) => f.method === method || f.method === '*');
      if (index < 0) return undefined;
      const fault = faults[index];
      if (!fault) return undefined;
      fault.times -= 1;
      if (fault.times <= 0) faults.splice(index, 1);
      return { ...fault };
    },
  };
}
