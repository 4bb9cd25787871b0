// Parameters the history area's sentences share: how long ago (a unit and a count, so each language says it), and an
// evidence list kept beside its language-neutral Texts.
import type { AnalysisContext } from '../evidence/index.ts';
import { render, type Text, type TextParams, verbatim } from '../i18n/index.ts';

/** "4 min ago" as parameters `agoUnit` (min, h, days, unknown) and `ago`; the same rounding as evidence's `ago`. */
export function agoParams(context: AnalysisContext, time: number): TextParams {
  const minutes = Math.max(0, Math.round((context.now - time) / 60_000));
  if (Number.isNaN(minutes)) return { agoUnit: 'unknown', ago: 0 };
  if (minutes < 60) return { agoUnit: 'min', ago: minutes };
  const hours = Math.round(minutes / 60);
  if (hours < 48) return { agoUnit: 'h', ago: hours };
  return { agoUnit: 'days', ago: Math.round(hours / 24) };
}

/** Evidence lines and their Texts, one for one; a line said only in English elsewhere is kept verbatim. */
export class EvidenceLines {
  readonly lines: string[] = [];
  readonly texts: Text[] = [];

  say(text: Text): this {
    this.lines.push(render(text, 'en'));
    this.texts.push(text);
    return this;
  }

  /** Lines another module wrote (a log line, a cause's evidence): quoted as they are, with their Texts when given. */
  quote(lines: readonly string[], texts?: readonly Text[]): this {
    lines.forEach((line, index) => {
      this.lines.push(line);
      this.texts.push(texts?.[index] ?? verbatim(line));
    });
    return this;
  }
}
