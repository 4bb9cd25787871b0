// A cluster's scheduled health digest as every chat shows it: new, ongoing and resolved problems, and the figures.
import { type MessageKey, t } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';
import { type MessageField, severityIcon } from './message.ts';

/** One problem in a health digest: what, where, why (root cause) and, when ongoing, for how long. */
export interface DigestItem {
  severity: string;
  code: string;
  /** `Deployment shop/payment`. */
  subject: string;
  summary: string;
  rootCause?: string;
  /** Ongoing problems: how long they have lasted (`3h 20m`). */
  lasted?: string;
}

/** A list of a digest, at most `MAX_DIGEST_ITEMS` long; `more` counts the rest. */
export interface DigestSection {
  items: DigestItem[];
  more: number;
}

/**
 * A cluster's scheduled health report: one message per slot, short enough for a phone. "All clear" is one line;
 * otherwise the new problems (with root causes), the ongoing ones (how long), the resolved, and the figures.
 */
export interface DigestMessage {
  type: 'digest';
  reportId: string;
  cluster: string;
  /** `Health report — prod · 2026-11-23 09:00 Asia/Taipei`. */
  title: string;
  /** Nothing is wrong: the message is its one `allClearLine`. */
  allClear: boolean;
  allClearLine: string;
  newProblems: DigestSection;
  ongoing: DigestSection;
  resolved: DigestSection;
  /** `Nodes ready` `3/3`, `Pods not running` `2`, … */
  figures: MessageField[];
  /** `report <id> · 41 API reads · 120 ms`. */
  footer: string;
  notification: string;
  /** The signed link to the digest's report page (the whole scan), when links are configured. */
  reportUrl?: string;
  /** The language of the destination it goes to; default en. */
  locale?: Locale;
}

export const MAX_DIGEST_ITEMS = 5;

/** A digest item as one line of text: `🔴 CrashLoopBackOff — Deployment shop/payment (3h 20m) · cause: …`. */
export function digestItemLine(item: DigestItem, locale: Locale = 'en'): string {
  const icon = severityIcon[item.severity] ?? '⚪';
  const cause = item.rootCause ? ` · ${t(locale, 'digest.cause', { cause: item.rootCause })}` : '';
  return `${icon} ${item.code} — ${item.subject}${item.lasted ? ` (${item.lasted})` : ''}${cause}`;
}

/** The digest's text in reading order, the same in every chat that shows it as text (titles, then bullets). */
export function digestLines(message: DigestMessage): string[] {
  if (message.allClear) return [message.allClearLine];
  const locale = message.locale ?? 'en';
  const section = (title: MessageKey, { items, more }: DigestSection) =>
    items.length === 0
      ? []
      : [
          t(locale, title, { count: items.length + more }),
          ...items.map((item) => `• ${digestItemLine(item, locale)}`),
          ...(more > 0 ? [t(locale, 'digest.more', { count: more })] : []),
        ];
  return [
    message.title,
    message.figures.map((figure) => `${figure.label} ${figure.value}`).join(' · '),
    ...section('digest.new', message.newProblems),
    ...section('digest.ongoing', message.ongoing),
    ...section('digest.resolved', message.resolved),
    message.footer,
  ];
}
