// A verdict in a person's words: the line that blames a change (or says none came), the later changes that are
// not blamed, and the way back. Each is a Text (said in the reader's language) and its English.
import { listText, render, type Text } from '../i18n/index.ts';
import type { Change } from './change.ts';
import { describeWorkload } from './revisions.ts';
import type { Verdict } from './timing.ts';

/** "3 min", "5 hours", "6 days". */
export function spanText(ms: number): Text {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return { key: 'cluster.span', params: { unit: 'min', n: minutes } };
  const hours = Math.floor(minutes / 60);
  return hours < 48
    ? { key: 'cluster.span', params: { unit: 'hour', n: hours } }
    : { key: 'cluster.span', params: { unit: 'day', n: Math.floor(hours / 24) } };
}
export const span = (ms: number): string => render(spanText(ms), 'en');

const gap = (verdict: Verdict, change: Change) => verdict.start - Date.parse(change.at);
/** What a change says, in the reader's language when its source kept a Text. */
const saidOf = (change: Change): string | Text => change.textText ?? change.text;

/** "started 3 min after Deployment shop/payment rolled out revision 14: image …"; `lead` capitalises it. */
export function blameText(verdict: Verdict, lead = false): Text | undefined {
  const [first] = verdict.blamed;
  if (!first) return undefined;
  const minutes = Math.round(gap(verdict, verdict.blamed.at(-1) ?? first) / 60_000);
  const params = {
    within: minutes < 1 ? 'yes' : 'no',
    minutes: String(minutes),
    changes: listText('cluster.commaAnd', verdict.blamed.map(saidOf)),
  };
  return lead ? { key: 'cluster.blameLead', params } : { key: 'cluster.blame', params };
}
export function blameLine(verdict: Verdict): string | undefined {
  const text = blameText(verdict);
  return text && render(text, 'en');
}

/**
 * What to say when no change is blamed: the last change and how long ago, or since when the revision ran; nothing
 * for a lone revision that arrived within the window with no earlier one kept to compare (often the first rollout):
 * there is nothing to claim either way, and the message keeps its lines for the cause.
 */
export function noChangeText(
  verdict: Verdict,
  running?: { at?: string | undefined; number: number },
): Text | undefined {
  const { previous, windowMinutes } = verdict;
  if (previous) {
    const ago = gap(verdict, previous);
    const change = saidOf(previous);
    if (ago <= windowMinutes * 60_000)
      return { key: 'cluster.notBlamedUnreached', params: { change, span: spanText(ago) } };
    if (ago < 3_600_000)
      return {
        key: 'cluster.notBlamedOutside',
        params: { change, span: spanText(ago), window: String(windowMinutes) },
      };
    return { key: 'cluster.noChangeSince', params: { change, span: spanText(ago) } };
  }
  const lived = running?.at ? verdict.start - Date.parse(running.at) : Number.NaN;
  const workload = describeWorkload(verdict.workload);
  if (!Number.isFinite(lived)) return { key: 'cluster.noChangeRecorded', params: { workload } };
  if (lived <= windowMinutes * 60_000) return undefined;
  return {
    key: 'cluster.noChangeRunning',
    params: { revision: String(running?.number), span: spanText(lived) },
  };
}
export const noChangeLine = (
  verdict: Verdict,
  running?: { at?: string | undefined; number: number },
): string | undefined => {
  const text = noChangeText(verdict, running);
  return text && render(text, 'en');
};

/** "Deployment shop/x rolled out revision 9 4 min after it started: not the cause" */
export function afterTexts(verdict: Verdict): Text[] {
  return verdict.after.slice(0, 2).map(
    (change): Text => ({
      key: 'cluster.cameAfter',
      params: { change: saidOf(change), span: spanText(-gap(verdict, change)) },
    }),
  );
}
export const afterLines = (verdict: Verdict): string[] =>
  afterTexts(verdict).map((text) => render(text, 'en'));

/** The way back, the sync's or upgrade's first (an auto-sync would undo a kubectl rollback). */
export function wayBack(verdict: Verdict): string[] {
  return verdict.blamed.flatMap((change) => change.wayBack);
}
export function wayBackTexts(verdict: Verdict): Text[] {
  return verdict.blamed.flatMap(
    (change) =>
      change.wayBackTexts ??
      change.wayBack.map((line): Text => ({ key: 'verbatim', params: { text: line } })),
  );
}
