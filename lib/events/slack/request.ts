// Which of its bodies Slack sent (by content type, then `type`): an Events API JSON body, or an interactivity form
// whose `payload` field is JSON. Read only after the signature matched; a body that is neither is named as such.
import type { z } from 'zod';
import { describeIssues } from '../../validation/index.ts';
import { SlackBlockActions, SlackEventCallback, SlackTyped, SlackUrlVerification } from './payload.ts';

export type SlackBody =
  | { ok: true; kind: 'url_verification'; body: z.infer<typeof SlackUrlVerification> }
  | { ok: true; kind: 'event_callback'; body: SlackEventCallback }
  | { ok: true; kind: 'block_actions'; body: SlackBlockActions }
  /** A type we do not handle (app_rate_limited, view_submission, shortcut, …): acknowledged, nothing done. */
  | { ok: true; kind: 'other'; type: string }
  | { ok: false; error: string };

const EXPECTED =
  'expected an Events API body (application/json) or an interactivity form (application/x-www-form-urlencoded with payload=<JSON>)';

const SCHEMAS = {
  events: { url_verification: SlackUrlVerification, event_callback: SlackEventCallback },
  interaction: { block_actions: SlackBlockActions },
} as const;

function read(text: string, schemas: Record<string, z.ZodType>, what: string): SlackBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `${EXPECTED}: ${what} is not valid JSON` };
  }
  const typed = SlackTyped.safeParse(json);
  if (!typed.success) return { ok: false, error: `${EXPECTED}: ${what} has no type` };
  const schema = schemas[typed.data.type];
  if (!schema) return { ok: true, kind: 'other', type: typed.data.type };
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return { ok: false, error: `invalid Slack ${typed.data.type}: ${describeIssues(parsed.error)}` };
  return { ok: true, kind: typed.data.type, body: parsed.data } as SlackBody;
}

export function parseSlackBody(contentType: string | undefined, text: string): SlackBody {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return read(text, SCHEMAS.events, 'the body');
  if (type === 'application/x-www-form-urlencoded') {
    const payload = new URLSearchParams(text).get('payload');
    if (payload === null) return { ok: false, error: `${EXPECTED}: the form has no payload field` };
    return read(payload, SCHEMAS.interaction, 'payload');
  }
  return { ok: false, error: `${EXPECTED}, not ${type || 'a body without a content type'}` };
}
