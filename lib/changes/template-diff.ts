// What differs between two pod templates, in a person's words: image, command, env (names; values only when
// they are plain and not credential-like), resources, probes, volumes, a restart. Never a Secret's value.

import { render, type Text } from '../i18n/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: pod templates as the API returns them
type Template = any;
// biome-ignore lint/suspicious/noExplicitAny: container shapes as the API returns them
type Container = any;

const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
/** Env names whose plain values are still not shown (people put passwords in plain env). */
const CREDENTIAL_NAME = /pass|secret|token|key|cred|auth|private/i;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface EnvValue {
  /** Shown value: the plain value, or "from Secret x" / "from ConfigMap y key z". */
  shown: string;
  /** `shown` kept language-neutral when it is our words, not the value. */
  shownText?: Text;
  /** Whether the value may be quoted to a person (plain and not credential-like). */
  quotable: boolean;
}

const shownAs = (text: Text, quotable: boolean): EnvValue => ({
  shown: render(text, 'en'),
  shownText: text,
  quotable,
});

function envValue(env: Container): EnvValue {
  const from = env.valueFrom ?? {};
  if (from.secretKeyRef) return { shown: `from Secret ${from.secretKeyRef.name}`, quotable: false };
  if (from.configMapKeyRef)
    return shownAs(
      {
        key: 'cluster.fromConfigMap',
        params: { name: String(from.configMapKeyRef.name), key: String(from.configMapKeyRef.key) },
      },
      true,
    );
  if (env.valueFrom) return shownAs({ key: 'cluster.fromField' }, true);
  return { shown: String(env.value ?? ''), quotable: !CREDENTIAL_NAME.test(String(env.name)) };
}

/** A container's env as name → value. */
export function envOf(container: Container): Map<string, EnvValue> {
  return new Map(
    ((container?.env ?? []) as Container[]).map((env) => [String(env.name), envValue(env)] as const),
  );
}

function envChanges(before: Container, after: Container): Text[] {
  const [old, now] = [envOf(before), envOf(after)];
  const changed = [...now.keys()].filter((name) => old.has(name) && !same(old.get(name), now.get(name)));
  const added = [...now.keys()].filter((name) => !old.has(name));
  const removed = [...old.keys()].filter((name) => !now.has(name));
  return [
    ...changed.map((name): Text => ({ key: 'cluster.envChanged', params: { name } })),
    ...added.map((name): Text => ({ key: 'cluster.envAdded', params: { name } })),
    ...removed.map((name): Text => ({ key: 'cluster.envRemoved', params: { name } })),
  ];
}

function containerChanges(before: Container, after: Container, container?: string): Text[] {
  if (!before) return [{ key: 'cluster.containerAdded', params: { name: String(after.name) } }];
  const lines: Text[] = [];
  if (before.image !== after.image)
    lines.push({
      key: 'cluster.imageChanged',
      params: { before: String(before.image), after: String(after.image) },
    });
  if (!same(before.command, after.command) || !same(before.args, after.args))
    lines.push({ key: 'cluster.commandChanged' });
  lines.push(...envChanges(before, after));
  if (!same(before.envFrom, after.envFrom))
    lines.push({ key: 'cluster.fieldChanged', params: { field: 'envFrom' } });
  if (!same(before.resources, after.resources)) lines.push(...resourceChanges(before, after));
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
    if (!same(before[probe], after[probe]))
      lines.push({ key: 'cluster.probeChanged', params: { probe: probe.replace('Probe', '') } });
  if (!same(before.volumeMounts, after.volumeMounts)) lines.push({ key: 'cluster.mountsChanged' });
  // A container's name is said only when the pod has more than one.
  return container
    ? lines.map((change): Text => ({ key: 'cluster.inContainer', params: { container, change } }))
    : lines;
}

/** "memory limit 512Mi → 64Mi", per limit and request that changed. */
function resourceChanges(before: Container, after: Container): Text[] {
  const lines: Text[] = [];
  for (const bound of ['limits', 'requests'] as const)
    for (const resource of ['memory', 'cpu']) {
      const [was, now] = [before.resources?.[bound]?.[resource], after.resources?.[bound]?.[resource]];
      if (was !== now)
        lines.push({
          key: 'cluster.resourceChanged',
          params: {
            resource,
            bound: bound === 'limits' ? 'limit' : 'request',
            before: was === undefined ? 'none' : String(was),
            after: now === undefined ? 'none' : String(now),
          },
        });
    }
  return lines.length ? lines : [{ key: 'cluster.resourcesChanged' }];
}

/** The differences from `before` to `after`, most telling first; empty when the templates are alike. */
export function templateDiff(before: Template, after: Template): string[] {
  return templateDiffTexts(before, after).map((text) => render(text, 'en'));
}

/** `templateDiff` kept language-neutral. */
export function templateDiffTexts(before: Template, after: Template): Text[] {
  const old: Container[] = before?.spec?.containers ?? [];
  const now: Container[] = after?.spec?.containers ?? [];
  // A container's name is said only when the pod has more than one.
  const named = now.length > 1;
  const lines = now.flatMap((container) =>
    containerChanges(
      old.find((candidate) => candidate.name === container.name),
      container,
      named ? String(container.name) : undefined,
    ),
  );
  for (const gone of old.filter((c) => !now.some((candidate) => candidate.name === c.name)))
    lines.push({ key: 'cluster.containerRemoved', params: { name: String(gone.name) } });
  if (!same(before?.spec?.volumes, after?.spec?.volumes)) lines.push({ key: 'cluster.volumesChanged' });
  const restarted = after?.metadata?.annotations?.[RESTARTED_AT];
  if (restarted && restarted !== before?.metadata?.annotations?.[RESTARTED_AT])
    lines.push({ key: 'cluster.restarted', params: { command: 'kubectl rollout restart' } });
  return lines;
}

/** Plain env values that changed and may be quoted: the way back for an env change. */
export function previousEnvValues(before: Template, after: Template): string[] {
  return previousEnvTexts(before, after).map((text) => render(text, 'en'));
}

/** `previousEnvValues` kept language-neutral. */
export function previousEnvTexts(before: Template, after: Template): Text[] {
  const old: Container[] = before?.spec?.containers ?? [];
  return ((after?.spec?.containers ?? []) as Container[]).flatMap((container) => {
    const was = envOf(old.find((candidate) => candidate.name === container.name));
    return [...envOf(container)].flatMap(([name, value]) => {
      const previous = was.get(name);
      if (!previous || same(previous, value) || !previous.quotable || !value.quotable) return [];
      return [
        {
          key: 'cluster.envWas',
          params: { name, value: previous.shownText ?? previous.shown.slice(0, 80) },
        } satisfies Text,
      ];
    });
  });
}
