import { describe, expect, it } from 'vitest';
import { type Candidate, matchIn } from '../surfaces.js';

const row = (blockId: string, value: string) => ({
  type: 'actions',
  block_id: blockId,
  elements: [
    { type: 'button', action_id: 'cancel_meeting', value, text: { type: 'plain_text', text: 'Cancel' } },
  ],
});

describe('matchIn', () => {
  const candidate: Candidate = { kind: 'message', blocks: [row('meeting:1', 'm1'), row('meeting:2', 'm2')] };

  it('finds the first element with the action_id when no block is named', () => {
    expect(matchIn(candidate, { actionId: 'cancel_meeting' })?.element.value).toBe('m1');
  });

  it('finds the element of the named block: a row of a list repeating one action_id', () => {
    expect(matchIn(candidate, { actionId: 'cancel_meeting', blockId: 'meeting:2' })?.element.value).toBe(
      'm2',
    );
    expect(matchIn(candidate, { actionId: 'cancel_meeting', blockId: 'meeting:3' })).toBeUndefined();
  });
});
