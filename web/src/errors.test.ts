import { describe, expect, it } from 'vitest';
import { explain, retryAfter } from './errors';
import { safeReturn } from './session';

describe('API errors in words', () => {
  it('tells a rate-limited person how long to wait', () => {
    const p = explain({ message: 'too many requests for this API key: retry after 1.2s', extensions: { code: 'RATE_LIMITED' } });
    expect(p.retryAfterSeconds).toBe(2);
    expect(p.message).toContain('2 s');
  });
  it('reads waits in milliseconds', () => {
    expect(retryAfter('retry after 300ms')).toBe(1);
  });
  it('keeps the field of bad input', () => {
    const p = explain({ message: 'title must not be empty', extensions: { code: 'BAD_USER_INPUT', field: 'title' } });
    expect(p).toEqual({ code: 'BAD_USER_INPUT', field: 'title', message: 'title must not be empty' });
  });
  it('never shows internal text', () => {
    expect(explain({ message: 'pq: relation does not exist', extensions: { code: 'INTERNAL' } }).message).not.toContain('pq');
  });
});

describe('the return path after sign-in', () => {
  it('stays on this origin', () => {
    for (const bad of ['//evil.example/x', 'https://evil.example', '/\\evil', '', null, '/signin?next=/x']) {
      expect(safeReturn(bad)).toBe('/');
    }
    expect(safeReturn('/incidents/7')).toBe('/incidents/7');
  });
});
