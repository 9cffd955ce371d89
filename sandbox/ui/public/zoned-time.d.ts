// Types of zoned-time.js for the tests that import it.
export function zonedFromEpoch(epochSeconds: number, timeZone: string): string;
export function epochFromZoned(local: string | undefined, timeZone: string): number | undefined;
