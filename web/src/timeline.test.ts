import { describe, expect, it } from 'vitest';
import { mergeEvents, type TimelineItem } from './timeline';

const ev = (sequence: number): TimelineItem => ({ id: `e${sequence}`, cursor: `c${sequence}`, sequence, kind: 'NOTE', message: `note ${sequence}`, occurredAt: '2026-12-07T00:00:00Z' });

describe('the live timeline', () => {
  it('keeps each event once, in sequence order', () => {
    let held = [ev(1), ev(2)];
    held = mergeEvents(held, [ev(2)]);
    held = mergeEvents(held, [ev(4), ev(3), ev(3)]);
    expect(held.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
  });
  it('returns the same list when nothing is new (no re-render)', () => {
    const held = [ev(1)];
    expect(mergeEvents(held, [ev(1)])).toBe(held);
  });
});
