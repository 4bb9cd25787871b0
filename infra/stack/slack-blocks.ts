// What Slack accepts as Block Kit: its published limits and the checks the fake answers with Slack's
// `invalid_blocks` (each problem as `message [json-pointer:/blocks/…]`).

// Slack's published limits (Block Kit reference and chat.postMessage docs).
export const SLACK_LIMITS = {
  blocks: 50,
  textChars: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  url: 3000,
  blockId: 255,
  markdownText: 12_000,
  altText: 2000,
  accessibilityLabel: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as the caller sent it
export type Json = any;

export const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks blocks the way Slack does; each problem is `message [json-pointer:/blocks/…]` as Slack reports it. */
export function blockErrors(blocks: unknown): string[] {
  const errors: string[] = [];
  const at = (pointer: string, message: string): void => {
    errors.push(`${message} [json-pointer:${pointer}]`);
  };
  if (!Array.isArray(blocks)) {
    at('/blocks', 'must be an array');
    return errors;
  }
  if (blocks.length > SLACK_LIMITS.blocks) at('/blocks', `no more than ${SLACK_LIMITS.blocks} items allowed`);

  const text = (
    value: unknown,
    pointer: string,
    max: number,
    types: readonly string[] = ['plain_text', 'mrkdwn'],
  ) => {
    if (!isObject(value)) return at(pointer, 'must be a text object');
    if (!types.includes(value.type)) return at(`${pointer}/type`, `must be one of ${types.join(', ')}`);
    if (typeof value.text !== 'string' || value.text.length === 0)
      return at(`${pointer}/text`, 'must be more than 0 characters');
    if (value.text.length > max) at(`${pointer}/text`, `must be less than ${max + 1} characters`);
  };
  const maxString = (value: unknown, pointer: string, max: number, required = false) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') return at(pointer, 'must be a string');
    if (value.length > max) at(pointer, `must be less than ${max + 1} characters`);
  };
  /** A confirmation dialog object: title, text, confirm and deny are all required plain_text. */
  const confirm = (value: unknown, pointer: string) => {
    if (!isObject(value)) return at(pointer, 'must be an object');
    text(value.title, `${pointer}/title`, SLACK_LIMITS.confirmTitle, ['plain_text']);
    text(value.text, `${pointer}/text`, SLACK_LIMITS.confirmText, ['plain_text']);
    text(value.confirm, `${pointer}/confirm`, SLACK_LIMITS.confirmButton, ['plain_text']);
    text(value.deny, `${pointer}/deny`, SLACK_LIMITS.confirmButton, ['plain_text']);
    if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger')
      at(`${pointer}/style`, 'must be one of primary, danger');
  };
  const element = (value: unknown, pointer: string) => {
    if (!isObject(value)) return at(pointer, 'must be an object');
    maxString(value.action_id, `${pointer}/action_id`, SLACK_LIMITS.actionId);
    if (value.confirm !== undefined) confirm(value.confirm, `${pointer}/confirm`);
    if (value.type === 'button') {
      text(value.text, `${pointer}/text`, SLACK_LIMITS.buttonText, ['plain_text']);
      maxString(value.value, `${pointer}/value`, SLACK_LIMITS.buttonValue);
      maxString(value.url, `${pointer}/url`, SLACK_LIMITS.url);
      maxString(value.accessibility_label, `${pointer}/accessibility_label`, SLACK_LIMITS.accessibilityLabel);
      if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger')
        at(`${pointer}/style`, 'must be one of primary, danger');
    } else if (value.type === 'image') {
      maxString(value.image_url, `${pointer}/image_url`, SLACK_LIMITS.url, true);
      maxString(value.alt_text, `${pointer}/alt_text`, SLACK_LIMITS.altText, true);
    } else if (typeof value.type !== 'string') at(`${pointer}/type`, 'must be provided');
  };

  for (const [i, block] of (blocks as unknown[]).entries()) {
    const p = `/blocks/${i}`;
    if (!isObject(block)) {
      at(p, 'must be an object');
      continue;
    }
    maxString(block.block_id, `${p}/block_id`, SLACK_LIMITS.blockId);
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined)
          at(p, 'must provide either text or fields');
        if (block.text !== undefined) text(block.text, `${p}/text`, SLACK_LIMITS.sectionText);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) at(`${p}/fields`, 'must be an array');
          else {
            if (block.fields.length > SLACK_LIMITS.sectionFields)
              at(`${p}/fields`, `no more than ${SLACK_LIMITS.sectionFields} items allowed`);
            for (const [j, field] of (block.fields as unknown[]).entries())
              text(field, `${p}/fields/${j}`, SLACK_LIMITS.fieldText);
          }
        }
        if (block.accessory !== undefined) element(block.accessory, `${p}/accessory`);
        break;
      case 'header':
        text(block.text, `${p}/text`, SLACK_LIMITS.headerText, ['plain_text']);
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0)
          at(`${p}/elements`, 'must provide at least 1 item');
        else {
          if (block.elements.length > SLACK_LIMITS.contextElements)
            at(`${p}/elements`, `no more than ${SLACK_LIMITS.contextElements} items allowed`);
          for (const [j, item] of (block.elements as unknown[]).entries()) {
            if (isObject(item) && item.type === 'image') element(item, `${p}/elements/${j}`);
            else text(item, `${p}/elements/${j}`, SLACK_LIMITS.sectionText);
          }
        }
        break;
      case 'actions':
        if (!Array.isArray(block.elements) || block.elements.length === 0)
          at(`${p}/elements`, 'must provide at least 1 item');
        else {
          if (block.elements.length > SLACK_LIMITS.actionsElements)
            at(`${p}/elements`, `no more than ${SLACK_LIMITS.actionsElements} items allowed`);
          // Slack refuses two elements with the same action_id in one block.
          const seen = new Set<unknown>();
          for (const [j, item] of (block.elements as unknown[]).entries()) {
            element(item, `${p}/elements/${j}`);
            const id = isObject(item) ? item.action_id : undefined;
            if (id !== undefined && seen.has(id)) at(`${p}/elements/${j}/action_id`, 'duplicate action_id');
            seen.add(id);
          }
        }
        break;
      case 'markdown':
        maxString(block.text, `${p}/text`, SLACK_LIMITS.markdownText, true);
        break;
      case 'image':
        element(block, p);
        break;
      case 'divider':
      case 'rich_text':
      case 'input':
      case 'file':
      case 'video':
        break;
      default:
        at(`${p}/type`, `unsupported block type ${JSON.stringify(block.type)}`);
    }
  }
  return errors;
}
