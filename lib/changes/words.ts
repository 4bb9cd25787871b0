// A verdict in a person's words: the line that blames a change (or says none came), the later changes that are
// not blamed, and the way back.
import type { Change } from './change.ts';
import { describeWorkload } from './revisions.ts';
import type { Verdict } from './timing.ts';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "3 min", "5 hours", "6 days". */
export function span(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? plural(hours, 'hour') : plural(Math.floor(hours / 24), 'day');
}

const gap = (verdict: Verdict, change: Change) => verdict.start - Date.parse(change.at);

/** "started 3 min after Deployment shop/payment rolled out revision 14: image …" */
export function blameLine(verdict: Verdict): string | undefined {
  const [first] = verdict.blamed;
  if (!first) return undefined;
  const minutes = Math.round(gap(verdict, verdict.blamed.at(-1) ?? first) / 60_000);
  const when = minutes < 1 ? 'started within a minute of' : `started ${minutes} min after`;
  return `${when} ${verdict.blamed.map((change) => change.text).join(', and ')}`;
}

/** What to say when no change is blamed: the last change and how long ago, or since when the revision ran. */
export function noChangeLine(
  verdict: Verdict,
  running?: { at?: string | undefined; number: number },
): string {
  const { previous, windowMinutes } = verdict;
  if (previous) {
    const ago = gap(verdict, previous);
    if (ago <= windowMinutes * 60_000)
      return `${previous.text} ${span(ago)} before it started, but pods it did not reach fail too: not blamed`;
    if (ago < 3_600_000)
      return `${previous.text} ${span(ago)} before it started: outside the ${windowMinutes} min window, not blamed`;
    return `No change in the last ${span(ago)} before it started; the last: ${previous.text}`;
  }
  const lived = running?.at ? verdict.start - Date.parse(running.at) : Number.NaN;
  if (!Number.isFinite(lived)) return `No change recorded for ${describeWorkload(verdict.workload)}`;
  // A revision that arrived within the window but has no earlier one kept to compare: nothing to claim.
  if (lived <= windowMinutes * 60_000)
    return `Revision ${running?.number} of ${describeWorkload(verdict.workload)} rolled out ${span(lived)} before it started; no earlier revision is kept to compare`;
  return `No change in the last ${span(lived)} before it started: revision ${running?.number} has run since`;
}

/** "Deployment shop/x rolled out revision 9 4 min after it started: not the cause" */
export function afterLines(verdict: Verdict): string[] {
  return verdict.after
    .slice(0, 2)
    .map((change) => `${change.text} came ${span(-gap(verdict, change))} after it started: not the cause`);
}

/** The way back, the sync's or upgrade's first (an auto-sync would undo a kubectl rollback). */
export function wayBack(verdict: Verdict): string[] {
  return verdict.blamed.flatMap((change) => change.wayBack);
}
