// The catalog is the one list of actions: the agent's answer schema and tool, the proposal guard and the Report's
// Proposal accept exactly its names, kinds, arguments, warrants and request words, and nothing else.
import { describe, expect, it } from 'vitest';
import { actionNames, actions, planProposal, targetKinds } from '../../lib/actions/index.ts';
import { AgentAnswer, ProposedAction, toolSpecs, vetProposal } from '../../lib/agent/index.ts';
import { type Finding, type FindingCode, findingCodes, Proposal } from '../../lib/report/index.ts';

const NOT_IN_CATALOG = ['rollout-undo', 'drain', 'cordon', 'exec', 'Restart', ''];
const proposalFor = (action: string, kind: string, extra: object = {}) => ({
  action,
  kind,
  namespace: 'shop',
  name: 'payment',
  reason: 'r',
  ...extra,
});
const argsFor = (action: string) => (action === 'scale' ? { replicas: 2 } : {});

describe('the names', () => {
  it('are the four of the issue, in catalog order', () => {
    expect(actionNames).toEqual(['restart', 'scale', 'delete-pod', 'rollback']);
  });

  it('the agent answer accepts exactly them', () => {
    for (const action of actionNames)
      expect(ProposedAction.safeParse(proposalFor(action, 'Deployment', argsFor(action))).success).toBe(true);
    for (const action of NOT_IN_CATALOG)
      expect(ProposedAction.safeParse(proposalFor(action, 'Deployment')).success).toBe(false);
    const answer = { summary: 's', rootCause: 'r', evidence: [], nextSteps: [], confidence: 'low' };
    expect(AgentAnswer.safeParse({ ...answer, proposals: [proposalFor('drain', 'Pod')] }).success).toBe(
      false,
    );
  });

  it('the Report accepts exactly them, and keeps the JSON of an existing proposal as it was', () => {
    const stored = {
      id: 'p-1a2b3c4d',
      action: 'scale',
      target: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
      replicas: 3,
      reason: 'HPA at its maximum',
    };
    expect(JSON.stringify(Proposal.parse(stored))).toBe(JSON.stringify(stored));
    for (const action of actionNames)
      expect(Proposal.safeParse({ ...stored, action, replicas: undefined }).success).toBe(true);
    for (const action of NOT_IN_CATALOG)
      expect(Proposal.safeParse({ ...stored, action }).success).toBe(false);
  });

  it('the propose_action tool declares exactly them, and the target kinds and arguments of the catalog', () => {
    const spec = toolSpecs.find((tool) => tool.name === 'propose_action');
    const properties = spec?.parameters.properties as Record<
      string,
      { enum?: string[]; description?: string }
    >;
    expect(properties.action?.enum).toEqual(actionNames);
    expect(properties.kind?.description).toBe('Deployment, StatefulSet, DaemonSet or Pod');
    expect(properties.replicas?.description).toBe('only for scale');
    expect(spec?.description).toContain('restart, scale, delete-pod or rollback');
    expect(targetKinds).toEqual(['Deployment', 'StatefulSet', 'DaemonSet', 'Pod']);
  });
});

const findingOn = (code: FindingCode, kind: string, name = 'payment'): Finding => ({
  code,
  severity: 'critical',
  object: { kind, namespace: 'shop', name },
  summary: code,
  evidence: [],
  suggestions: [],
});

describe('the guard follows the catalog', () => {
  it.each(actions.map((action) => [action.name, action] as const))(
    '%s: warranted by its codes on its kinds, by no other code, on no other kind',
    (name, action) => {
      for (const kind of action.targetKinds) {
        const proposal = proposalFor(name, kind, argsFor(name)) as ProposedAction;
        for (const code of action.warrantedBy)
          expect(vetProposal(proposal, { findings: [findingOn(code, kind)] })).toBeUndefined();
        for (const code of findingCodes.filter((c) => !(action.warrantedBy as readonly string[]).includes(c)))
          expect(vetProposal(proposal, { findings: [findingOn(code, kind)] })).toMatch(
            /no finding calls for/,
          );
      }
      for (const kind of targetKinds.filter((k) => !(action.targetKinds as readonly string[]).includes(k)))
        expect(
          vetProposal(proposalFor(name, kind, argsFor(name)) as ProposedAction, {
            findings: [findingOn(action.warrantedBy[0] as FindingCode, kind)],
          }),
        ).toMatch(new RegExp(`^${name} applies to`));
    },
  );

  it('rollback is warranted by the seven codes of the issue', () => {
    expect([...(actions.find((a) => a.name === 'rollback')?.warrantedBy ?? [])].sort()).toEqual(
      [
        'ApplicationError',
        'BadImageReference',
        'ContainerConfigError',
        'CrashLoopBackOff',
        'ImagePullFailure',
        'OOMKilled',
        'RolloutStuck',
      ].sort(),
    );
  });

  it("each action's request words let a person ask for it by name", () => {
    const asks: Record<string, string> = {
      restart: 'please restart payment',
      scale: 'scale payment to 4 replicas',
      'delete-pod': 'delete the pod payment',
      rollback: 'roll back payment',
    };
    for (const action of actions) {
      const kind = action.targetKinds[0] as string;
      const proposal = proposalFor(action.name, kind, argsFor(action.name)) as ProposedAction;
      // A finding about the object that warrants nothing: only the person's words can call for the action.
      const noted = findingOn('NodePressure', kind);
      expect(vetProposal(proposal, { findings: [noted], question: asks[action.name] })).toBeUndefined();
      expect(vetProposal(proposal, { findings: [noted], question: 'what is wrong with payment?' })).toMatch(
        /no finding calls for/,
      );
    }
  });

  it('a scale without replicas is refused, as before', () => {
    expect(
      vetProposal(proposalFor('scale', 'Deployment') as ProposedAction, {
        findings: [findingOn('HPAAtLimit', 'Deployment')],
      }),
    ).toBe('scale needs replicas.');
  });
});

describe('the requests', () => {
  const now = new Date('2026-11-23T10:05:00.999Z');
  it('are the exact Kubernetes REST requests', () => {
    const target = { kind: 'StatefulSet', namespace: 'shop', name: 'mysql' };
    expect(planProposal({ action: 'restart', target }, now)).toMatchObject({
      executable: true,
      description: 'Restart the rollout of StatefulSet shop/mysql (pods are replaced one by one)',
      request: {
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/shop/statefulsets/mysql',
        headers: { 'content-type': 'application/strategic-merge-patch+json' },
        body: '{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-23T10:05:00Z"}}}}}',
      },
    });
    expect(planProposal({ action: 'scale', target, replicas: 1 }, now)).toMatchObject({
      description: 'Scale StatefulSet shop/mysql to 1 replica',
      request: {
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/shop/statefulsets/mysql/scale',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: '{"spec":{"replicas":1}}',
      },
    });
    expect(
      planProposal({ action: 'delete-pod', target: { kind: 'Pod', namespace: 'shop', name: 'p-1' } }, now),
    ).toMatchObject({ request: { method: 'DELETE', path: '/api/v1/namespaces/shop/pods/p-1', headers: {} } });
  });

  it('refuses a target or arguments outside the catalog', () => {
    expect(() =>
      planProposal({ action: 'scale', target: { kind: 'DaemonSet', name: 'x', namespace: 'a' } }),
    ).toThrow('scale applies to Deployment or StatefulSet, not DaemonSet.');
    expect(() =>
      planProposal({ action: 'scale', target: { kind: 'Deployment', name: 'x', namespace: 'a' } }),
    ).toThrow(/replicas/);
    expect(() => planProposal({ action: 'restart', target: { kind: 'Deployment', name: 'x' } })).toThrow(
      /namespace/,
    );
  });
});
