// LINE messages from the channel-neutral message: a report is one Flex bubble (with a postback per proposal), an
// approval card its text and, while pending, a confirm template, a follow-up one short text; every text stripped of
// control characters and clipped to LINE's limits in UTF-16 units, as LINE counts them.
import type { messagingApi } from '@line/bot-sdk';
import { t } from '../../i18n/index.ts';
import type { Locale } from '../../locale/index.ts';
import { type ApprovalMessage, approvalLines } from '../approval-message.ts';
import { type DigestMessage, digestLines } from '../digest-message.ts';
import {
  type AiFollowupMessage,
  type ChatMessage,
  labelled,
  messageLocale,
  type ReportMessage,
  type TextMessage,
} from '../message.ts';
import { LINE_LIMITS, plain } from './limits.ts';
import { approvalConfirm, proposalButtons } from './postback.ts';

export { clipUnits, LINE_LIMITS } from './limits.ts';

/** The report page's link, when it fits LINE's URI limit (a longer one is left out, never cut). */
const reportUri = (url: string | undefined): string | undefined =>
  url && url.length <= LINE_LIMITS.uriChars && /^https?:\/\//.test(url) ? url : undefined;

/** A "Full report" button opening the report's page in LINE's browser. */
function reportLinkButton(url: string | undefined, locale: Locale): messagingApi.FlexButton[] {
  const uri = reportUri(url);
  const label = t(locale, 'report.fullReport');
  return uri ? [{ type: 'button', style: 'link', height: 'sm', action: { type: 'uri', label, uri } }] : [];
}

/** The link as a last line of a text message (LINE makes it tappable), or nothing. */
const linkLine = (url: string | undefined, locale: Locale = 'en'): string => {
  const uri = reportUri(url);
  return uri ? `\n${t(locale, 'report.fullReportLine', { url: uri })}` : '';
};

/** Per-text budgets inside the bubble; their sum keeps a bubble of CJK text well under `bubbleBytes`. */
const BUDGET = {
  title: 200,
  fields: 300,
  summary: 1000,
  rootCause: 600,
  ai: 1500,
  line: 300,
  footer: 200,
} as const;

/** The short text form (after LINE answered 429: the monthly quota may be spent, so say less). */
const SHORT_TEXT_UNITS = 500;
const FOLLOWUP_TEXT_UNITS = 2000;

type FlexComponent = messagingApi.FlexComponent;

const text = (value: string, style: Partial<messagingApi.FlexText> = {}): messagingApi.FlexText => ({
  type: 'text',
  text: value === '' ? ' ' : value,
  wrap: true,
  ...style,
});

const heading = (value: string) => text(value, { weight: 'bold', size: 'sm', margin: 'md' });
const muted = (value: string) => text(value, { size: 'xs', color: '#888888' });

function bulletLines(title: string, lines: string[], max: number): FlexComponent[] {
  return lines.length === 0
    ? []
    : [heading(title), ...lines.map((line) => text(`• ${plain(line, max)}`, { size: 'sm' }))];
}

/** A button per link (the Application in Argo CD) that fits LINE's URI limit; it opens the page, changes nothing. */
const linkButtons = (message: ReportMessage): FlexComponent[] =>
  (message.links ?? []).flatMap((link): messagingApi.FlexButton[] => {
    const uri = reportUri(link.url);
    const label = plain(link.label, LINE_LIMITS.actionLabelUnits) || 'Open';
    return uri ? [{ type: 'button', style: 'link', height: 'sm', action: { type: 'uri', label, uri } }] : [];
  });

/** The bubble at a scale of the budgets (1 = full); a smaller scale says less of every long text. */
function reportBubble(message: ReportMessage, scale: number): messagingApi.FlexBubble {
  const budget = (units: number) => Math.max(40, Math.floor(units * scale));
  const locale = message.locale ?? 'en';
  const cause = message.rootCause;
  const others = message.otherFindings.length + message.moreFindings;
  const body: FlexComponent[] = [
    muted(plain(message.fields.map((f) => `${f.label}: ${f.value}`).join(' · '), budget(BUDGET.fields))),
    text(plain(message.summary, budget(BUDGET.summary)), { size: 'sm', margin: 'md' }),
  ];
  if (cause) {
    const line = `${cause.code}${cause.object ? ` — ${cause.object}` : ''}${cause.detail ? `\n${cause.detail}` : ''}`;
    body.push(
      heading(t(locale, 'report.rootCause')),
      text(plain(line, budget(BUDGET.rootCause)), { size: 'sm' }),
    );
  }
  if (message.ai)
    body.push(
      heading(plain(t(locale, 'report.ai', { model: message.ai.model }).replace(/[:：]$/, ''), BUDGET.title)),
      text(plain(message.ai.text, budget(BUDGET.ai)), { size: 'sm' }),
    );
  body.push(...bulletLines(t(locale, 'report.evidence'), message.evidence, budget(BUDGET.line)));
  body.push(...bulletLines(t(locale, 'report.nextSteps'), message.nextSteps, budget(BUDGET.line)));
  if (others > 0) body.push(muted(t(locale, 'report.alsoFoundCount', { count: others })));
  return {
    type: 'bubble',
    size: 'giga',
    header: {
      type: 'box',
      layout: 'vertical',
      contents: [
        text(plain(`${message.icon} ${message.title}`, BUDGET.title), { weight: 'bold', size: 'md' }),
      ],
    },
    body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: body },
    footer: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      // Each button only asks for an approval card; the approver decides on that card.
      contents: [
        muted(plain(message.footer, BUDGET.footer)),
        ...proposalButtons(message),
        ...linkButtons(message),
        ...reportLinkButton(message.reportUrl, locale),
      ],
    },
  };
}

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** The largest bubble that fits LINE's size limit: the budgets are halved until it does. */
function fittedBubble(message: ReportMessage): messagingApi.FlexBubble {
  let bubble = reportBubble(message, 1);
  for (let scale = 0.5; jsonBytes(bubble) > LINE_LIMITS.bubbleBytes && scale > 0.01; scale /= 2)
    bubble = reportBubble(message, scale);
  return bubble;
}

function reportFlex(message: ReportMessage): messagingApi.FlexMessage {
  return {
    type: 'flex',
    // What the notification and the chat list show: counted and clipped like every other text.
    altText: plain(message.notification, LINE_LIMITS.altTextUnits),
    contents: fittedBubble(message),
  };
}

function followupText(message: AiFollowupMessage): messagingApi.TextMessage {
  const locale = message.locale ?? 'en';
  const lines = [`${t(locale, 'report.aiFollowup', { model: message.model })} ${message.text}`];
  if (message.rootCause)
    lines.push(`${labelled(t(locale, 'report.rootCause'), locale)} ${message.rootCause}`);
  if (message.nextSteps.length > 0)
    lines.push(
      labelled(t(locale, 'report.nextSteps'), locale),
      ...message.nextSteps.map((step) => `• ${step}`),
    );
  lines.push(message.footer);
  const link = linkLine(message.reportUrl, locale);
  return { type: 'text', text: `${plain(lines.join('\n'), FOLLOWUP_TEXT_UNITS - link.length)}${link}` };
}

/** A plain answer: one text message, as long as LINE allows. */
const plainText = (message: TextMessage, prefix = ''): messagingApi.TextMessage => {
  const link = linkLine(message.reportUrl);
  return {
    type: 'text',
    text: `${plain(`${prefix}${message.text}`, LINE_LIMITS.textUnits - link.length) || ' '}${link}`,
  };
};

const approvalAsText = (message: ApprovalMessage): TextMessage => ({
  type: 'text',
  reportId: message.reportId,
  text: [message.text ?? '', ...approvalLines(message)].filter(Boolean).join('\n'),
  ...(message.reportUrl ? { reportUrl: message.reportUrl } : {}),
});

/** An approval card: its lines as text, then while it is pending the confirm template that decides it. */
const approvalCard = (message: ApprovalMessage, prefix = ''): messagingApi.Message[] => [
  plainText(approvalAsText(message), prefix),
  ...(message.state === 'pending' ? [approvalConfirm(message)] : []),
];

/** A health digest: its lines as one text (a phone reads text best; all clear is its single line). */
const digestText = (message: DigestMessage): messagingApi.TextMessage => {
  const link = linkLine(message.reportUrl, message.locale);
  return {
    type: 'text',
    text: `${plain(digestLines(message).join('\n'), LINE_LIMITS.textUnits - link.length)}${link}`,
  };
};

/** The messages of one LINE call (never more than LINE's 5). */
export function toLine(message: ChatMessage): messagingApi.Message[] {
  const messages =
    message.type === 'report'
      ? [reportFlex(message)]
      : message.type === 'text'
        ? [plainText(message)]
        : message.type === 'approval'
          ? approvalCard(message)
          : message.type === 'digest'
            ? [digestText(message)]
            : [followupText(message)];
  return messages.slice(0, LINE_LIMITS.messagesPerCall);
}

/** One short text: the notification and the report id line, for when LINE's monthly quota may be spent. */
export function toLineShort(message: ChatMessage, prefix = ''): messagingApi.Message[] {
  // A command's answer is already short (phone-sized) and the whole point of the message: it is sent as it is.
  if (message.type === 'text') return [plainText(message, prefix)];
  // The confirm template is the point of a pending card: it stays (two messages, still one call).
  if (message.type === 'approval') return approvalCard(message, prefix);
  const footer = plain(message.footer, BUDGET.footer);
  const link = linkLine(message.reportUrl, messageLocale(message));
  const lead = plain(`${prefix}${message.notification}`, SHORT_TEXT_UNITS - footer.length - 1);
  return [{ type: 'text', text: `${lead}\n${footer}${link}` }];
}
