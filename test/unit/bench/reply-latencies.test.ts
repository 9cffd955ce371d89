// Request → reply times in benchmark 1: each reply is matched with the oldest unanswered send of its URL.
import { describe, expect, it } from 'vitest';
import { replyLatencies } from '../../../bench/ack-latency.js';

describe('replyLatencies', () => {
  it('pairs replies with sends of the same pool URL, oldest first, and counts the unanswered', () => {
    const sent = new Map([
      [0, [1_000, 1_500]],
      [1, [1_100]],
      [2, [1_200]],
    ]);
    const replies: Array<[number, number]> = [
      [1, 1_400],
      [0, 1_300],
      [0, 2_000],
    ];
    const { latenciesMs, unanswered } = replyLatencies(sent, replies);
    expect(latenciesMs.sort((a, b) => a - b)).toEqual([300, 300, 500]);
    expect(unanswered).toBe(1);
  });

  it('ignores a reply for a URL that was not sent in this run', () => {
    expect(replyLatencies(new Map(), [[3, 10]])).toEqual({ latenciesMs: [], unanswered: 0 });
  });
});
