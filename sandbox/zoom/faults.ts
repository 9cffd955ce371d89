/**
 * Injected failures per route: answer with a status (429 with or without Retry-After, 5xx, ...),
 * and/or delay, for the next `count` matching requests.
 */
import { z } from 'zod';

export const ROUTE_NAMES = [
  'oauth.authorize',
  'oauth.token',
  'oauth.revoke',
  'users.me',
  'users.get',
  'users.list',
  'meetings.create',
  'meetings.delete',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export const faultSchema = z
  .object({
    /** A route name (`oauth.token`, `users.me`, ...), a path (`/v2/users/me`), `METHOD /path`, a path prefix ending in `*`, or `*`. */
    route: z.string().min(1),
    status: z.number().int().min(100).max(599).optional(),
    count: z.number().int().min(1).max(100_000).default(1),
    retry_after: z.union([z.number().nonnegative(), z.string().min(1)]).optional(),
    delay_ms: z.number().int().min(0).max(60_000).optional(),
    /** Only for oauth.token: match this grant type only. */
    grant_type: z.string().optional(),
  })
  .refine((fault) => fault.status !== undefined || fault.delay_ms !== undefined, {
    message: 'a fault needs a status, a delay_ms, or both',
  });

export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { id: number; remaining: number };

export interface RequestKey {
  name: RouteName;
  method: string;
  path: string;
  grantType?: string | undefined;
}

/** Short names people reach for first. */
const ALIASES: Record<string, RouteName> = {
  token: 'oauth.token',
  revoke: 'oauth.revoke',
  authorize: 'oauth.authorize',
  me: 'users.me',
};

function matches(route: string, key: RequestKey): boolean {
  if (route === '*' || route === key.name || ALIASES[route] === key.name) return true;
  const [method, rawPath] = route.includes(' ') ? route.split(/\s+/, 2) : [undefined, route];
  const path = rawPath === undefined || rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  if (method !== undefined && method.toUpperCase() !== key.method) return false;
  if (path === undefined) return false;
  const candidates = [key.path, key.path.replace(/^\/v2/, '')];
  if (path.endsWith('*')) return candidates.some((candidate) => candidate.startsWith(path.slice(0, -1)));
  return candidates.includes(path);
}

export interface FaultBook {
  add(input: FaultInput): Fault;
  /** Takes (consumes one use of) the first fault matching this request. */
  take(key: RequestKey): Fault | undefined;
  clear(): void;
  list(): Fault[];
}

export function createFaultBook(): FaultBook {
  let faults: Fault[] = [];
  let nextId = 1;
  return {
    add(input) {
      const parsed = faultSchema.parse(input);
      const fault: Fault = { ...parsed, id: nextId, remaining: parsed.count };
      nextId += 1;
      faults.push(fault);
      return fault;
    },
    take(key) {
      const fault = faults.find(
        (candidate) =>
          matches(candidate.route, key) &&
          (candidate.grant_type === undefined || candidate.grant_type === key.grantType),
      );
      if (!fault) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults = faults.filter((candidate) => candidate !== fault);
      return fault;
    },
    clear() {
      faults = [];
    },
    list: () => faults.map((fault) => ({ ...fault })),
  };
}
