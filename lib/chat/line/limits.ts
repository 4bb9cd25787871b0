// LINE's limits and the one way text is cut to them: UTF-16 units as LINE counts them, never half a surrogate pair.
import { stripControl } from '../../security/index.ts';
import { clipUnits } from '../text.ts';

export { clipUnits };

/**
 * LINE's published limits (developers.line.biz Messaging API reference; text is counted in UTF-16 code units).
 * Action labels, postback data and template texts LINE counts in grapheme clusters, never more than UTF-16
 * units: clipping them to these numbers of units keeps them within LINE's count too.
 */
export const LINE_LIMITS = {
  messagesPerCall: 5,
  textUnits: 5000,
  /** Flex (and template, imagemap) `altText`: 1,500 since LINE raised it from 400. */
  altTextUnits: 1500,
  /** A template's `altText` is kept to the older 400, which every LINE version accepts. */
  templateAltTextUnits: 400,
  /** The JSON of one bubble: 30 KB. Kept under 30,000 bytes so either reading of "KB" holds. */
  bubbleBytes: 30_000,
  postbackDataUnits: 300,
  /** A postback's `displayText`: what the chat shows the user said when they tapped. */
  displayTextUnits: 300,
  /** An action's `label` on a template, quick reply or button. */
  actionLabelUnits: 20,
  confirmTextUnits: 240,
  /** A confirm template has exactly two actions (yes / no). */
  confirmActions: 2,
  /** Postback buttons in a report bubble's footer: a phone shows three without crowding. */
  reportButtons: 3,
  quickReplyItems: 13,
  /** A URI action's `uri`: 1,000 characters. */
  uriChars: 1000,
} as const;

/** Cluster text as LINE shows it: control characters and escape sequences removed, then clipped. */
export const plain = (text: string, max: number) => clipUnits(stripControl(text), max);
