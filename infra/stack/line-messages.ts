// What LINE accepts as messages: its published limits and the checks the fake answers with LINE's 400 details
// (each names the property, e.g. `messages[0].template.actions[1].data`).

// biome-ignore lint/suspicious/noExplicitAny: message JSON as the caller sent it
export type Json = any;

export interface Detail {
  message: string;
  property: string;
}

// LINE's published limits (Messaging API reference; lengths in UTF-16 units, as LINE counts them). `altText` of a
// Flex, template or imagemap message is "Max character limit: 1500" (it was 400 before LINE raised it).
export const LINE_LIMITS = {
  messagesPerRequest: 5,
  textChars: 5000,
  altTextChars: 1500,
  /** "The maximum size of JSON data that defines a bubble is 30 KB" (a carousel: 50 KB). */
  bubbleBytes: 30 * 1024,
  carouselBytes: 50 * 1024,
  multicastRecipients: 500,
  quickReplyItems: 13,
  /** Action `label` on templates, quick replies and buttons (LINE counts these in grapheme clusters). */
  actionLabelChars: 20,
  postbackDataChars: 300,
  displayTextChars: 300,
  messageActionTextChars: 300,
  uriChars: 1000,
  confirmTextChars: 240,
  /** A confirm template has exactly two actions; a buttons template one to four. */
  confirmActions: 2,
  buttonsActions: 4,
  buttonsTextChars: 160,
} as const;

/** Action objects and template texts are counted in grapheme clusters, not UTF-16 units (LINE's character count). */
const graphemes = (text: string) => [...new Intl.Segmenter().segment(text)].length;

/** Checks one action object (postback, message, uri, …) where LINE checks it: label, data, displayText, text. */
function actionErrors(action: Json, at: string, details: Detail[]): void {
  if (typeof action !== 'object' || action === null) {
    details.push({ message: 'must be specified', property: at });
    return;
  }
  const length = (field: string, max: number, required = false) => {
    const value = action[field];
    if (value === undefined) {
      if (required) details.push({ message: 'must be specified', property: `${at}.${field}` });
    } else if (typeof value !== 'string' || graphemes(value) > max)
      details.push({ message: `Length must be between 0 and ${max}`, property: `${at}.${field}` });
  };
  length('label', LINE_LIMITS.actionLabelChars);
  if (action.type === 'postback') {
    length('data', LINE_LIMITS.postbackDataChars, true);
    length('displayText', LINE_LIMITS.displayTextChars);
    length('text', LINE_LIMITS.displayTextChars);
  } else if (action.type === 'message') length('text', LINE_LIMITS.messageActionTextChars, true);
  else if (action.type === 'uri') length('uri', LINE_LIMITS.uriChars, true);
}

/** Every `action` inside a Flex container (boxes, buttons, images, texts may carry one). */
function flexActionErrors(node: Json, at: string, details: Detail[]): void {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) flexActionErrors(child, `${at}[${i}]`, details);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'action') actionErrors(value, `${at}.action`, details);
    else if (typeof value === 'object') flexActionErrors(value, `${at}.${key}`, details);
  }
}

/** A template message's template: the confirm and buttons templates' texts and action counts, and every action. */
function templateErrors(template: Json, at: string, details: Detail[]): void {
  if (typeof template !== 'object' || template === null) {
    details.push({ message: 'must be specified', property: at });
    return;
  }
  const actions = template.actions;
  const count = (min: number, max: number) => {
    if (!Array.isArray(actions) || actions.length < min || actions.length > max)
      details.push({ message: `Size must be between ${min} and ${max}`, property: `${at}.actions` });
  };
  const text = (max: number) => {
    const value = template.text;
    if (typeof value !== 'string' || value.length === 0)
      details.push({ message: 'must be specified', property: `${at}.text` });
    else if (graphemes(value) > max)
      details.push({ message: `Length must be between 0 and ${max}`, property: `${at}.text` });
  };
  if (template.type === 'confirm') {
    text(LINE_LIMITS.confirmTextChars);
    count(LINE_LIMITS.confirmActions, LINE_LIMITS.confirmActions);
  } else if (template.type === 'buttons') {
    text(LINE_LIMITS.buttonsTextChars);
    count(1, LINE_LIMITS.buttonsActions);
  } else if (template.type !== 'carousel' && template.type !== 'image_carousel')
    details.push({ message: 'Invalid template type', property: `${at}.type` });
  if (Array.isArray(actions))
    for (const [i, action] of actions.entries()) actionErrors(action, `${at}.actions[${i}]`, details);
}

const MESSAGE_TYPES = new Set([
  'text',
  'textV2',
  'sticker',
  'image',
  'video',
  'audio',
  'location',
  'imagemap',
  'template',
  'flex',
]);
/** Checks `messages` the way LINE does; each problem names the property, e.g. `messages[0].text`. */
export function messageErrors(messages: unknown): Detail[] {
  const details: Detail[] = [];
  if (!Array.isArray(messages)) return [{ message: 'must be specified', property: 'messages' }];
  if (messages.length < 1 || messages.length > LINE_LIMITS.messagesPerRequest)
    details.push({
      message: `Size must be between 1 and ${LINE_LIMITS.messagesPerRequest}`,
      property: 'messages',
    });
  for (const [i, message] of (messages as Json[]).entries()) {
    const at = (field: string) => `messages[${i}]${field ? `.${field}` : ''}`;
    if (typeof message !== 'object' || message === null) {
      details.push({ message: 'must be an object', property: at('') });
      continue;
    }
    if (!MESSAGE_TYPES.has(message.type)) {
      details.push({ message: 'Invalid message type', property: at('type') });
      continue;
    }
    const length = (field: string, max: number) => {
      const value = message[field];
      if (typeof value !== 'string' || value.length === 0)
        details.push({ message: 'must be specified', property: at(field) });
      else if (value.length > max)
        details.push({ message: `Length must be between 0 and ${max}`, property: at(field) });
    };
    if (message.type === 'text' || message.type === 'textV2') length('text', LINE_LIMITS.textChars);
    if (message.type === 'flex' || message.type === 'template' || message.type === 'imagemap')
      length('altText', LINE_LIMITS.altTextChars);
    if (message.type === 'flex' && (typeof message.contents !== 'object' || message.contents === null))
      details.push({ message: 'must be specified', property: at('contents') });
    if (
      message.type === 'flex' &&
      message.contents &&
      !['bubble', 'carousel'].includes(message.contents.type)
    )
      details.push({ message: 'Invalid container type', property: at('contents.type') });
    if (message.type === 'flex' && message.contents && typeof message.contents === 'object') {
      const max = message.contents.type === 'carousel' ? LINE_LIMITS.carouselBytes : LINE_LIMITS.bubbleBytes;
      // The wording of this refusal is the fake's own; LINE answers a 400 naming the container.
      if (Buffer.byteLength(JSON.stringify(message.contents)) > max)
        details.push({ message: `Size must be at most ${max / 1024}KB`, property: at('contents') });
    }
    if (message.type === 'template') templateErrors(message.template, at('template'), details);
    if (message.type === 'flex' && message.contents && typeof message.contents === 'object')
      flexActionErrors(message.contents, at('contents'), details);
    const items = message.quickReply?.items;
    if (Array.isArray(items) && items.length > LINE_LIMITS.quickReplyItems)
      details.push({
        message: `Size must be between 1 and ${LINE_LIMITS.quickReplyItems}`,
        property: at('quickReply.items'),
      });
    if (Array.isArray(items))
      for (const [j, item] of (items as Json[]).entries())
        actionErrors(item?.action, at(`quickReply.items[${j}].action`), details);
  }
  return details;
}
