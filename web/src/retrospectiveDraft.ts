// Two people may edit one retrospective at once. Each keeps what they
// typed; what the other saved arrives (live, or with a CONFLICT on save)
// and fills in every field this person has not touched. A field both
// changed is shown side by side until this person picks one: nothing is
// overwritten silently, and a save sends only this person's changes, with
// the version they were made against.

export const fields = ['summary', 'impact', 'rootCause', 'whatWentWell', 'whatWentPoorly', 'lessonsLearned'] as const;
export type Field = (typeof fields)[number];
export type Texts = Record<Field, string>;

export interface Draft {
  /** The server's text each field was last in step with. */
  base: Texts;
  /** The form's text. */
  mine: Texts;
  /** Fields someone else changed while this person was changing them: their text. */
  conflicts: Partial<Texts>;
  /** The version the base is. */
  version: number;
}

export function startDraft(server: Texts, version: number): Draft {
  return { base: { ...server }, mine: { ...server }, conflicts: {}, version };
}

export function edit(d: Draft, f: Field, text: string): Draft {
  return { ...d, mine: { ...d.mine, [f]: text } };
}

export function changed(d: Draft): Partial<Texts> {
  const out: Partial<Texts> = {};
  for (const f of fields) if (d.mine[f] !== d.base[f]) out[f] = d.mine[f];
  return out;
}

/** Takes in a newer server state (someone's save, or this person's own). */
export function merge(d: Draft, server: Texts, version: number): Draft {
  if (version < d.version) return d;
  const next: Draft = { base: { ...server }, mine: { ...d.mine }, conflicts: { ...d.conflicts }, version };
  for (const f of fields) {
    const touched = d.mine[f] !== d.base[f];
    if (!touched) {
      next.mine[f] = server[f];
    } else if (server[f] === d.mine[f]) {
      delete next.conflicts[f]; // they saved the same text (or it was this person's save)
    } else if (server[f] !== d.base[f]) {
      next.conflicts[f] = server[f];
    }
  }
  return next;
}

export function takeTheirs(d: Draft, f: Field): Draft {
  const conflicts = { ...d.conflicts };
  delete conflicts[f];
  return { ...d, mine: { ...d.mine, [f]: d.base[f] }, conflicts };
}

export function keepMine(d: Draft, f: Field): Draft {
  const conflicts = { ...d.conflicts };
  delete conflicts[f];
  return { ...d, conflicts };
}
