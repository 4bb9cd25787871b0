// Policy files: the shipped default is valid and denies by default; bad files are refused naming the field.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy, loadPolicy, PolicyError, parsePolicy } from '../../infra/proxy/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-policy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const base = () =>
  structuredClone(defaultPolicy()) as unknown as { rules: Record<string, unknown>[] } & Record<
    string,
    unknown
  >;

function withRule(rule: Record<string, unknown>) {
  const policy = base();
  policy.rules.push(rule);
  return policy;
}

describe('policy file', () => {
  it('ships a valid default with only the three guarded writes', () => {
    const policy = defaultPolicy();
    const writes = policy.rules.filter((rule) => rule.write).map((rule) => [rule.name, rule.write]);
    expect(writes).toEqual([
      ['rollout-restart', 'restartAnnotation'],
      ['scale', 'scale'],
      ['delete-pod', 'podDelete'],
    ]);
    for (const rule of policy.rules)
      expect([...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...rule.verbs].join(',')).not.toContain(
        '*',
      );
  });

  // The index the added rule gets.
  const added = `rules[${defaultPolicy().rules.length}]`;
  const cases: [string, unknown, string][] = [
    [
      'a wildcard resource',
      withRule({ name: 'all', verbs: ['get'], apiGroups: [''], resources: ['*'] }),
      `${added}.resources[0]: wildcards are not allowed`,
    ],
    [
      'a wildcard API group',
      withRule({ name: 'all', verbs: ['get'], apiGroups: ['*'], resources: ['pods'] }),
      `${added}.apiGroups[0]: wildcards are not allowed`,
    ],
    [
      'create',
      withRule({ name: 'mk', verbs: ['create'], apiGroups: [''], resources: ['pods'] }),
      `${added}.verbs: create is never allowed`,
    ],
    [
      'an unguarded patch',
      withRule({ name: 'p', verbs: ['patch'], apiGroups: ['apps'], resources: ['deployments'] }),
      `${added}.write: verbs patch need write`,
    ],
    [
      'scale without a bound',
      withRule({
        name: 's',
        verbs: ['patch'],
        apiGroups: ['apps'],
        resources: ['deployments/scale'],
        write: 'scale',
      }),
      `${added}.maxReplicas: write: scale needs maxReplicas`,
    ],
    [
      'a guarded write on the wrong resource',
      withRule({ name: 'd', verbs: ['delete'], apiGroups: [''], resources: ['secrets'], write: 'podDelete' }),
      `${added}.resources: write: podDelete applies only to pods`,
    ],
    [
      'an unknown field',
      { ...base(), allowEverything: true },
      '(top level): Unrecognized key: "allowEverything"',
    ],
    [
      'a misspelt rule field',
      withRule({ name: 'x', verb: ['get'], apiGroups: [''], resources: ['pods'] }),
      `${added}: Unrecognized key: "verb"`,
    ],
    [
      'a bad namespace',
      { ...base(), namespaces: { exclude: ['Kube_System'] } },
      'namespaces.exclude[0]: must be a namespace name',
    ],
    [
      'a duplicate rule name',
      withRule({ name: 'scale', verbs: ['get'], apiGroups: [''], resources: ['pods'] }),
      `${added}.name: duplicate rule name scale`,
    ],
    ['a wrong kind', { ...base(), kind: 'Policy' }, 'kind: '],
  ];
  for (const [what, document, message] of cases) {
    it(`refuses ${what}, naming the field`, () => {
      expect(() => parsePolicy(document, 'test policy')).toThrow(PolicyError);
      expect(() => parsePolicy(document, 'test policy')).toThrow(message);
    });
  }

  it('reads YAML and JSON files and names the file in errors', async () => {
    const json = join(dir, 'policy.json');
    await writeFile(json, JSON.stringify(defaultPolicy()));
    expect(loadPolicy(json).rules.length).toBe(defaultPolicy().rules.length);
    const broken = join(dir, 'broken.yaml');
    await writeFile(
      broken,
      'apiVersion: kube-responder.dev/v1\nkind: ProxyPolicy\nrules:\n  - name: x\n    verbs: [get, watch, exec]\n',
    );
    expect(() => loadPolicy(broken)).toThrow(`policy file ${broken} is invalid: rules[0].verbs[2]:`);
    expect(() => loadPolicy(join(dir, 'missing.yaml'))).toThrow('cannot read policy file');
  });
});
