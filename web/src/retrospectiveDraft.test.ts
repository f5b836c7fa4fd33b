import { describe, expect, it } from 'vitest';
import { changed, edit, keepMine, merge, startDraft, takeTheirs, type Texts } from './retrospectiveDraft';

const empty: Texts = { summary: '', impact: '', rootCause: '', whatWentWell: '', whatWentPoorly: '', lessonsLearned: '' };

describe('two people editing one retrospective', () => {
  it("takes the other's saved text into untouched fields and keeps mine", () => {
    let d = edit(startDraft(empty, 1), 'summary', 'mine');
    d = merge(d, { ...empty, impact: 'theirs' }, 2);
    expect(d.mine.summary).toBe('mine');
    expect(d.mine.impact).toBe('theirs');
    expect(changed(d)).toEqual({ summary: 'mine' });
    expect(d.conflicts).toEqual({});
    expect(d.version).toBe(2);
  });
  it('shows a field both changed, and lets me choose', () => {
    let d = edit(startDraft(empty, 1), 'rootCause', 'a bad deploy');
    d = merge(d, { ...empty, rootCause: 'a full disk' }, 2);
    expect(d.conflicts).toEqual({ rootCause: 'a full disk' });
    expect(d.mine.rootCause).toBe('a bad deploy');
    expect(changed(keepMine(d, 'rootCause'))).toEqual({ rootCause: 'a bad deploy' });
    const theirs = takeTheirs(d, 'rootCause');
    expect(theirs.mine.rootCause).toBe('a full disk');
    expect(changed(theirs)).toEqual({});
  });
  it('is clean after my own save comes back', () => {
    let d = edit(startDraft(empty, 1), 'summary', 'done');
    d = merge(d, { ...empty, summary: 'done' }, 2);
    expect(changed(d)).toEqual({});
    expect(d.conflicts).toEqual({});
  });
  it('ignores an older state arriving late', () => {
    const d = merge(startDraft({ ...empty, summary: 'new' }, 3), empty, 2);
    expect(d.mine.summary).toBe('new');
  });
});
