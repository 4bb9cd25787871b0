// One phone screen: how many words a report message holds, and how it is cut to fit (the least telling lines first).
import type { ReportMessage } from './message.ts';

/** Words that fit one phone screen: a report message longer than this is cut to it (see `fitToPhone`). */
export const PHONE_WORDS = 120;

/**
 * Words as a reader takes them in: a Latin word (a name, a number) is one, and Chinese, which has no spaces, counts
 * one word for every two Han characters, so a Chinese message fits the same phone screen.
 */
export const wordsOf = (text: string): number => {
  let han = 0;
  let words = 0;
  for (const token of text.split(/\s+/)) {
    const hanHere = token.match(/\p{Script=Han}/gu)?.length ?? 0;
    han += hanHere;
    if (/[\p{L}\p{N}]/u.test(token.replace(/\p{Script=Han}/gu, ''))) words++;
  }
  return words + Math.ceil(han / 2);
};

/** The words a person reads in a report message (headings included; buttons and the footer are not reading). */
export function messageWords(message: ReportMessage): number {
  const cause = message.rootCause;
  return wordsOf(
    [
      message.title,
      ...message.fields.map((field) => `${field.label}: ${field.value}`),
      message.summary,
      cause ? `Root cause: ${cause.code} ${cause.object ?? ''} ${cause.detail ?? ''}` : '',
      message.ai?.text ?? '',
      message.evidence.length ? `Evidence ${message.evidence.join(' ')}` : '',
      message.nextSteps.length ? `Next steps ${message.nextSteps.join(' ')}` : '',
      message.otherFindings.length
        ? `Also found ${message.otherFindings.map((f) => `${f.severity} ${f.code} ${f.subject} ${f.summary}`).join(' ')}`
        : '',
      message.moreFindings ? `and ${message.moreFindings} more` : '',
    ].join(' '),
  );
}

/**
 * Cuts a message to a phone screen: the least telling lines go first (late next steps, late evidence, the other
 * findings, which stay counted in `moreFindings`), never below four lines of evidence and two next steps; then the
 * kept evidence lines are clipped to their first words, the last other finding goes, and the lines are clipped
 * further. The report page has it all.
 */
export function fitToPhone(message: ReportMessage, words = PHONE_WORDS): ReportMessage {
  const fitted = { ...message };
  const cut = (list: 'evidence' | 'nextSteps', keep: number) => () => {
    if (fitted[list].length <= keep) return false;
    fitted[list] = fitted[list].slice(0, -1);
    return true;
  };
  const cutOther = (keep: number) => () => {
    if (fitted.otherFindings.length <= keep) return false;
    fitted.otherFindings = fitted.otherFindings.slice(0, -1);
    fitted.moreFindings += 1;
    return true;
  };
  // Kept evidence lines can be long quotes (an event's whole message): their first words say it.
  const clip = (budget: number) => () => {
    const clipped = fitted.evidence.map((line) => clipWords(line, budget));
    if (clipped.every((line, index) => line === fitted.evidence[index])) return false;
    fitted.evidence = clipped;
    return true;
  };
  // A back-off event restates a line that already says CrashLoopBackOff (the pod's state): the first to go of the four.
  const restated = () => {
    const states = fitted.evidence.some((line) => line.includes('CrashLoopBackOff'));
    const index = fitted.evidence.findIndex((line) => /\bBackOff ×/.test(line));
    if (!states || index < 0) return false;
    fitted.evidence = fitted.evidence.filter((_, i) => i !== index);
    return true;
  };
  // Four lines of evidence always stay (but a restated one): the cause is shown, not only named.
  const cuts = [
    cut('nextSteps', 3),
    cut('evidence', 4),
    cutOther(1),
    cut('nextSteps', 2),
    clip(20),
    clip(16),
    cutOther(0),
    clip(12),
    restated,
    clip(8),
  ];
  for (const step of cuts) while (messageWords(fitted) > words && step());
  return fitted;
}

/** A line cut to its first `budget` words (by the count `messageWords` uses), marked as cut. */
function clipWords(line: string, budget: number): string {
  const parts = line.split(/(\s+)/);
  let counted = 0;
  for (let index = 0; index < parts.length; index++) {
    if (/[\p{L}\p{N}]/u.test(parts[index]!) && ++counted > budget)
      return `${parts.slice(0, index).join('').trimEnd()}…`;
  }
  return line;
}
