// What a chat button or LINE postback carries: a short, parseable value that names a stored thing (an approval, a
// report's proposal) and never the action itself. A press is untrusted input: whatever it asks is looked up in the
// store, checked against the approvers, and decided there.
import { z } from 'zod';

/** The ids a press may name: random approval ids, report ids and proposal ids, nothing else. */
const Id = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/);

export const Press = z.discriminatedUnion('press', [
  /** Approve or reject a pending approval (the card's two buttons). */
  z.object({ press: z.literal('approve'), approval: Id }),
  z.object({ press: z.literal('reject'), approval: Id }),
  /** Ask for an approval card for one of a stored report's proposals (an alert message's action button). */
  z.object({ press: z.literal('propose'), report: Id, proposal: Id }),
]);
export type Press = z.infer<typeof Press>;

/** Slack's `action_id` of each press (the button's `value` is `encodePress`). */
export const PRESS_ACTION_IDS = {
  approve: 'kr.approve',
  reject: 'kr.reject',
  propose: 'kr.propose',
} as const satisfies Record<Press['press'], string>;

/** LINE's postback `data` is at most 300 characters; every press encodes well within it. */
export const MAX_PRESS_CHARS = 300;

/** `kr1|approve|<id>`, `kr1|propose|<report>|<proposal>`: one format for a Slack button value and a LINE postback. */
export function encodePress(press: Press): string {
  const parts =
    press.press === 'propose' ? [press.press, press.report, press.proposal] : [press.press, press.approval];
  const value = ['kr1', ...parts].join('|');
  if (value.length > MAX_PRESS_CHARS)
    throw new Error(`press value is ${value.length} chars (max ${MAX_PRESS_CHARS})`);
  return value;
}

/** The press a button value or postback data names, or undefined when it is none of ours (or malformed). */
export function parsePress(value: string | undefined): Press | undefined {
  if (!value || value.length > MAX_PRESS_CHARS) return undefined;
  const [version, press, first, second, ...rest] = value.split('|');
  if (version !== 'kr1' || rest.length > 0) return undefined;
  const candidate =
    press === 'propose'
      ? { press, report: first, proposal: second }
      : second === undefined
        ? { press, approval: first }
        : {};
  const parsed = Press.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}
