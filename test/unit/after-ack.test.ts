// All work after an answer goes through one bounded, measured queue; a full queue is refused in a command's ack.

import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { type AfterAckOptions, createAfterAckQueue } from '../../src/after-ack.js';
import type { CommandArgs } from '../../src/slack/listeners/commands/frame.js';
import { commandHandler } from '../../src/slack/listeners/commands/frame.js';
import type { SlackAppDeps } from '../../src/slack/runtime.js';

const silent = pino({ level: 'silent' });
const createFollowUpQueue = (options: Partial<AfterAckOptions> = {}) =>
  createAfterAckQueue({ logger: silent, ...options });

function deferred() {
  let release = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { done, release };
}

describe('after-ack queue', () => {
  it('runs at most `concurrency` follow-ups at once and the rest in order', async () => {
    const queue = createFollowUpQueue({ concurrency: 2, maxWaiting: 10 });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      queue.run('command', {}, async () => {
        started.push(i);
        await gate.done;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(queue.depth()).toEqual({ active: 2, waiting: 1 });
    gates[0]?.release();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.release();
    gates[2]?.release();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(queue.depth()).toEqual({ active: 0, waiting: 0 });
  });

  it('has no room once `maxWaiting` follow-ups wait', async () => {
    const queue = createFollowUpQueue({ concurrency: 1, maxWaiting: 1 });
    const gate = deferred();
    const first = queue.run('command', {}, () => gate.done);
    expect(queue.hasRoom()).toBe(true);
    const second = queue.run('command', {}, async () => undefined);
    await Promise.resolve();
    expect(queue.hasRoom()).toBe(false);
    gate.release();
    await Promise.all([first, second]);
    expect(queue.hasRoom()).toBe(true);
  });
});

describe('refusing when the instance does not keep up', () => {
  it('has no room once the oldest waiting follow-up has waited `maxWaitMs`, and room again when it starts', async () => {
    let clock = 1_000;
    const queue = createFollowUpQueue({
      concurrency: 1,
      maxWaiting: 100,
      maxWaitMs: 3_000,
      now: () => clock,
    });
    const gate = deferred();
    const first = queue.run('command', {}, () => gate.done);
    const second = queue.run('command', {}, async () => 'second');
    await Promise.resolve();
    clock += 2_999;
    expect(queue.hasRoom()).toBe(true);
    clock += 1;
    expect(queue.hasRoom()).toBe(false);
    gate.release();
    await Promise.all([first, second]);
    expect(queue.hasRoom()).toBe(true);
  });
});

describe('draining the queue at shutdown', () => {
  it('waits for running and waiting follow-ups, failed ones included', async () => {
    const queue = createFollowUpQueue({ concurrency: 1, maxWaiting: 10 });
    const gate = deferred();
    const done: string[] = [];
    void queue.run('command', {}, async () => {
      await gate.done;
      done.push('first');
    });
    queue
      .run('command', {}, async () => {
        throw new Error('Zoom down');
      })
      .catch(() => done.push('second failed'));
    void queue.run('command', {}, async () => {
      done.push('third');
    });
    let drained = false;
    const draining = queue.drain(5_000).then(() => {
      drained = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    gate.release();
    await draining;
    expect([...done].sort()).toEqual(['first', 'second failed', 'third']);
  });

  it('gives up after the timeout', async () => {
    const queue = createFollowUpQueue();
    void queue.run('command', {}, () => new Promise(() => {}));
    const started = Date.now();
    await queue.drain(50);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('a slash command while the after-ack queue is full', () => {
  it('is answered "busy" in its ack, and no work is queued for it', async () => {
    const queue = createFollowUpQueue({ concurrency: 1, maxWaiting: 0 });
    const gate = deferred();
    const busyWork = queue.run('command', {}, () => gate.done);
    let ran = false;
    const deps = {
      isDatabaseUp: () => true,
      afterAck: queue,
      logger: { error: () => undefined },
    } as unknown as SlackAppDeps;
    const handler = commandHandler(deps, '/zoom-status', async () => {
      ran = true;
    });
    const acks: unknown[] = [];
    await handler({
      command: { text: '', team_id: 'T1', user_id: 'U1' },
      ack: async (response?: unknown) => {
        acks.push(response);
      },
      respond: async () => new Response('ok'),
    } as unknown as CommandArgs);
    expect(acks).toEqual([
      {
        response_type: 'ephemeral',
        text: 'Zoom Org Connect is very busy right now. Please try again in a minute.',
      },
    ]);
    expect(ran).toBe(false);
    expect(queue.depth()).toEqual({ active: 1, waiting: 0 });
    gate.release();
    await busyWork;
  });
});

describe('fire-and-forget work', () => {
  it('logs a failure with its context and counts every item by kind and outcome', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const finished: string[] = [];
    const queue = createAfterAckQueue({
      logger,
      onFinished: (kind, outcome) => finished.push(`${kind}:${outcome}`),
    });
    queue.enqueue('view_submission', { view: 'connect', workspaceId: 'T1' }, async () => {
      throw new Error('Slack refused the DM');
    });
    queue.enqueue('zoom_webhook', { event: 'user.deleted' }, async () => undefined);
    expect(await queue.drain(5_000)).toEqual({ unfinished: 0 });
    expect(finished.sort()).toEqual(['view_submission:error', 'zoom_webhook:ok']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'work after the answer failed',
      kind: 'view_submission',
      view: 'connect',
      workspaceId: 'T1',
      err: { message: 'Slack refused the DM' },
    });
  });

  it('waits for work queued by work that was running when the drain began', async () => {
    const queue = createFollowUpQueue();
    const done: string[] = [];
    queue.enqueue('zoom_webhook', {}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      // A webhook reaction defers its announcement to the same queue.
      queue.enqueue('notification', {}, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        done.push('announced');
      });
    });
    expect(await queue.drain(5_000)).toEqual({ unfinished: 0 });
    expect(done).toEqual(['announced']);
  });

  it('says how much was left unfinished when the drain times out', async () => {
    const queue = createFollowUpQueue();
    queue.enqueue('notification', {}, () => new Promise(() => {}));
    expect(await queue.drain(20)).toEqual({ unfinished: 1 });
  });
});
