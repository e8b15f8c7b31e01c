/**
 * Four eyes on a model change (issue 18): a model goes live only once a second person approves it.
 * `four-eyes` (the default): the reviewer is an analyst or an admin other than the draft's author.
 * `off` (IPLUS_MODEL_REVIEW=off, for a test environment): the author may approve their own draft.
 */
export type ReviewMode = 'four-eyes' | 'off';

/** Why `reviewer` may not approve or reject a draft written by `author`, or undefined when they may. */
export function reviewRefusal(
  reviewer: { user: string; role: string },
  author: string,
  mode: ReviewMode,
): string | undefined {
  if (reviewer.role !== 'analyst' && reviewer.role !== 'admin') {
    return 'only an analyst or an admin reviews a model';
  }
  if (mode === 'four-eyes' && reviewer.user === author) {
    return 'a second analyst or an admin must review this draft: its author may not approve or reject it';
  }
  return undefined;
}
