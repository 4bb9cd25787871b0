// Once per failure: the same failure of the same app at the same revision, notified again (Argo CD's retries, a
// trigger without `oncePer`, an empty revision), gets the same key, and so the same job and one message.
import type { ArgoNotification } from './payload.ts';
import type { ArgoState } from './state.ts';

const encoder = new TextEncoder();

/** SHA-256 (Web Crypto) as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

// The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes).
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const GO_DURATION = '\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h)';

/** What changes between two notifications of one failure: each is removed before the message is hashed. */
const NOISE: [RegExp, string][] = [
  // operationState.message after retries: "... (retried 5 times)."
  [/\(\s*retried \d+ times?\s*\)\.?/gi, ' '],
  // While retrying: "Retrying attempt #3 at 6:51AM: ..." (time.Kitchen).
  [/retrying attempt #?\d+(?: at \d{1,2}:\d{2}\s?[ap]m)?:?/gi, ' '],
  // ISO 8601 and Go's default time format, with optional fraction and zone.
  [
    /\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z| ?[+-]\d{2}:?\d{2}(?: [a-z]{2,5})?)?/gi,
    ' <time> ',
  ],
  // A time of day needs its seconds or AM/PM, so `host:80` is not one.
  [/\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?|\s?[ap]m)\b/gi, ' <time> '],
  // Go durations: 5m0s, 1.5s, 300ms, 2h3m.
  [new RegExp(`\\b(?:${GO_DURATION})+\\b`, 'g'), '<duration>'],
  // UIDs.
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uid>'],
  // Pods of a ReplicaSet (name-<template hash>-<suffix>), then of a Job or a generateName (name-<suffix>).
  [new RegExp(`-(?:${SAFE}{6,10}|\\d{6,10})-${SAFE}{5}\\b`, 'g'), '-<pod>'],
  [new RegExp(`-${SAFE}{5}\\b`, 'g'), '-<pod>'],
];

/** The message as two notifications of one failure share it: noise removed, whitespace collapsed, lower case. */
export function normalisedMessage(message: string | undefined): string {
  let text = (message ?? '').toLowerCase();
  for (const [pattern, replacement] of NOISE) text = text.replace(pattern, replacement);
  return text.replace(/\s+/g, ' ').trim();
}

/** A part of the key kept readable, or cut with a hash of the whole when it is long (the key stays ≤ 200). */
async function bounded(part: string, max: number): Promise<string> {
  if (part.length <= max) return part;
  return `${part.slice(0, max - 9)}~${(await sha256Hex(part)).slice(0, 8)}`;
}

/**
 * `<namespace>/<app>:<revision or ->:<state>:<hash of the normalised message>`; a success is
 * `<namespace>/<app>:ok:<revision or ->`, so the job can find the failure it follows by the app. A bare body
 * (only app and namespace) says nothing to tell two failures apart: it is keyed on the hour it came in
 * (`…:-:unspecified:2026-12-01T08`), so Argo CD's retries (seconds apart) are one job and tomorrow's is another.
 */
export async function argoFailureKey(
  notification: ArgoNotification,
  state: ArgoState,
  now: Date = new Date(),
): Promise<string> {
  const app = await argoAppRef(notification);
  const revision = await bounded(notification.revision?.trim() || '-', 64);
  if (state === 'succeeded') return `${app}:ok:${revision}`;
  if (state === 'unspecified') return `${app}:${revision}:${state}:${now.toISOString().slice(0, 13)}`;
  const message = (await sha256Hex(normalisedMessage(failureText(notification)))).slice(0, 16);
  return `${app}:${revision}:${state}:${message}`;
}

/**
 * What says which failure it is: the operation's message, else (sync status Unknown: no operation ran) the
 * conditions' messages, which hold the ComparisonError.
 */
function failureText(notification: ArgoNotification): string {
  if (notification.message?.trim()) return notification.message;
  return (notification.conditions ?? []).map((c) => `${c.type}: ${c.message ?? ''}`).join('\n');
}

/** `<namespace>/<app>`: one Application (names are unique per namespace, apps may live outside `argocd`). */
export async function argoAppRef(notification: Pick<ArgoNotification, 'app' | 'namespace'>): Promise<string> {
  return bounded(`${notification.namespace}/${notification.app}`, 90);
}

/** The job id: `argo-` + a hash of the failure key (the key itself may hold characters a dedup id may not). */
export async function argoJobId(failureKey: string): Promise<string> {
  return `argo-${(await sha256Hex(failureKey)).slice(0, 32)}`;
}
