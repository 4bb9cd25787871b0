// What differs between two pod templates, in a person's words: image, command, env (names; values only when
// they are plain and not credential-like), resources, probes, volumes, a restart. Never a Secret's value.

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
  /** Whether the value may be quoted to a person (plain and not credential-like). */
  quotable: boolean;
}

function envValue(env: Container): EnvValue {
  const from = env.valueFrom ?? {};
  if (from.secretKeyRef) return { shown: `from Secret ${from.secretKeyRef.name}`, quotable: false };
  if (from.configMapKeyRef)
    return {
      shown: `from ConfigMap ${from.configMapKeyRef.name} key ${from.configMapKeyRef.key}`,
      quotable: true,
    };
  if (env.valueFrom) return { shown: 'from a field', quotable: true };
  return { shown: String(env.value ?? ''), quotable: !CREDENTIAL_NAME.test(String(env.name)) };
}

/** A container's env as name → value. */
export function envOf(container: Container): Map<string, EnvValue> {
  return new Map(
    ((container?.env ?? []) as Container[]).map((env) => [String(env.name), envValue(env)] as const),
  );
}

function envChanges(before: Container, after: Container): string[] {
  const [old, now] = [envOf(before), envOf(after)];
  const changed = [...now.keys()].filter((name) => old.has(name) && !same(old.get(name), now.get(name)));
  const added = [...now.keys()].filter((name) => !old.has(name));
  const removed = [...old.keys()].filter((name) => !now.has(name));
  return [
    ...changed.map((name) => `env ${name} changed`),
    ...added.map((name) => `env ${name} added`),
    ...removed.map((name) => `env ${name} removed`),
  ];
}

function containerChanges(before: Container, after: Container, prefix: string): string[] {
  if (!before) return [`container ${after.name} added`];
  const lines: string[] = [];
  if (before.image !== after.image) lines.push(`${prefix}image ${before.image} → ${after.image}`);
  if (!same(before.command, after.command) || !same(before.args, after.args))
    lines.push(`${prefix}command changed`);
  lines.push(...envChanges(before, after).map((line) => prefix + line));
  if (!same(before.envFrom, after.envFrom)) lines.push(`${prefix}envFrom changed`);
  if (!same(before.resources, after.resources)) lines.push(...resourceChanges(before, after, prefix));
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
    if (!same(before[probe], after[probe]))
      lines.push(`${prefix}${probe.replace('Probe', '')} probe changed`);
  if (!same(before.volumeMounts, after.volumeMounts)) lines.push(`${prefix}volume mounts changed`);
  return lines;
}

/** "memory limit 512Mi → 64Mi", per limit and request that changed. */
function resourceChanges(before: Container, after: Container, prefix: string): string[] {
  const lines: string[] = [];
  for (const bound of ['limits', 'requests'] as const)
    for (const resource of ['memory', 'cpu']) {
      const [was, now] = [before.resources?.[bound]?.[resource], after.resources?.[bound]?.[resource]];
      if (was !== now)
        lines.push(`${prefix}${resource} ${bound.slice(0, -1)} ${was ?? 'none'} → ${now ?? 'none'}`);
    }
  return lines.length ? lines : [`${prefix}resources changed`];
}

/** The differences from `before` to `after`, most telling first; empty when the templates are alike. */
export function templateDiff(before: Template, after: Template): string[] {
  const old: Container[] = before?.spec?.containers ?? [];
  const now: Container[] = after?.spec?.containers ?? [];
  // A container's name is said only when the pod has more than one.
  const named = now.length > 1;
  const lines = now.flatMap((container) =>
    containerChanges(
      old.find((candidate) => candidate.name === container.name),
      container,
      named ? `${container.name}: ` : '',
    ),
  );
  for (const gone of old.filter((c) => !now.some((candidate) => candidate.name === c.name)))
    lines.push(`container ${gone.name} removed`);
  if (!same(before?.spec?.volumes, after?.spec?.volumes)) lines.push('volumes changed');
  const restarted = after?.metadata?.annotations?.[RESTARTED_AT];
  if (restarted && restarted !== before?.metadata?.annotations?.[RESTARTED_AT])
    lines.push('restarted (kubectl rollout restart)');
  return lines;
}

/** Plain env values that changed and may be quoted: the way back for an env change. */
export function previousEnvValues(before: Template, after: Template): string[] {
  const old: Container[] = before?.spec?.containers ?? [];
  return ((after?.spec?.containers ?? []) as Container[]).flatMap((container) => {
    const was = envOf(old.find((candidate) => candidate.name === container.name));
    return [...envOf(container)].flatMap(([name, value]) => {
      const previous = was.get(name);
      if (!previous || same(previous, value) || !previous.quotable || !value.quotable) return [];
      return [`${name} was ${previous.shown.slice(0, 80)}`];
    });
  });
}
