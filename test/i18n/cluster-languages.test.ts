// Cluster-level findings read in Traditional and Simplified Chinese from their stored Texts — a taint, a quota, a
// storage class out of capacity, a rollout that changed the image, an Argo CD sync failure — while the English
// they store stays as it was. Names, kinds, values, commands and quoted cluster text stay as they are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ApplicationState, argoFinding, classify } from '../../lib/argocd/index.ts';
import { render, type Text } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/locale/index.ts';
import type { Finding } from '../../lib/report/index.ts';
import { diagnoseScenario } from '../diagnosis/expectations.ts';

const scenario = async (file: string) =>
  (await diagnoseScenario(readFileSync(join(import.meta.dirname, '../fixtures/scenarios', file), 'utf8')))
    .report;

/** What a reader of `locale` sees of a finding: summary, root cause, then its own lines (quoted ones left out). */
function read(finding: Finding, locale: Locale): string[] {
  const own = (texts: Text[] | undefined) =>
    (texts ?? []).filter((text) => text.key !== 'verbatim').map((text) => render(text, locale));
  return [
    render(finding.summaryText!, locale),
    render(finding.rootCause!.detailText!, locale),
    ...own(finding.evidenceTexts),
    ...own(finding.suggestionTexts),
  ];
}

/** Every stored Text renders in English to the English stored beside it, one for one. */
function sameEnglish(finding: Finding) {
  expect(render(finding.summaryText!, 'en')).toBe(finding.summary);
  if (finding.rootCause?.detailText)
    expect(render(finding.rootCause.detailText, 'en')).toBe(finding.rootCause.detail);
  expect(finding.evidenceTexts?.map((text) => render(text, 'en'))).toEqual(finding.evidence);
  expect(finding.suggestionTexts?.map((text) => render(text, 'en'))).toEqual(finding.suggestions);
}

const show = (name: string, lines: string[]) => console.log(`--- ${name}\n${lines.join('\n')}`);

describe('cluster findings in zh-TW and zh-CN', () => {
  it('a taint no pod tolerates', async () => {
    const finding = (await scenario('unschedulable-taint.yaml')).findings.find(
      (f) => f.code === 'Unschedulable',
    )!;
    sameEnglish(finding);
    show('taint zh-TW', read(finding, 'zh-TW'));
    expect(read(finding, 'zh-TW')).toEqual([
      'Deployment tools/docs 無法排程：Pod 不容忍污點 nvidia.com/gpu=present，有 2 個節點帶有這個污點。',
      'Pod 不容忍污點 nvidia.com/gpu=present，有 2 個節點帶有這個污點',
      'Pod docs-5c-1：Pending，PodScheduled=False（Unschedulable）',
      '在 Pod 範本加上對這個污點的容忍設定，或增加沒有這個污點的節點',
    ]);
    expect(read(finding, 'zh-CN')).toEqual([
      'Deployment tools/docs 无法调度：Pod 不容忍污点 nvidia.com/gpu=present，有 2 个节点带有这个污点。',
      'Pod 不容忍污点 nvidia.com/gpu=present，有 2 个节点带有这个污点',
      'Pod docs-5c-1：Pending，PodScheduled=False（Unschedulable）',
      '在 Pod 模板中添加对这个污点的容忍度，或增加不带这个污点的节点',
    ]);
  });

  it('a ResourceQuota that is used up', async () => {
    const finding = (await scenario('quota-exceeded.yaml')).findings.find((f) => f.code === 'QuotaExceeded')!;
    sameEnglish(finding);
    show('quota zh-TW', read(finding, 'zh-TW'));
    const [summary, cause, event, fix] = read(finding, 'zh-TW');
    expect([summary, cause, fix]).toEqual([
      'Deployment team-a/search 無法建立 Pod：ResourceQuota compute 已超出（requests.cpu）。',
      'ResourceQuota compute 已用滿：requests.cpu 已用 8／上限 8，每個 Pod 請求 2',
      '調高配額，或調低資源請求',
    ]);
    // The label is ours; the admission message is Kubernetes' words, quoted.
    expect(event).toMatch(
      /^ReplicaSet team-a\/search-6c5 的事件 FailedCreate ×25：pods "search-6c5-x" is forbidden/,
    );
    expect(read(finding, 'zh-CN').slice(0, 2)).toEqual([
      'Deployment team-a/search 无法创建 Pod：ResourceQuota compute 已超出（requests.cpu）。',
      'ResourceQuota compute 已用满：requests.cpu 已用 8/上限 8，每个 Pod 请求 2',
    ]);
  });

  it('a StorageClass out of capacity, and one that does not exist', async () => {
    const report = await scenario('storage-exhausted-zone.yaml');
    const [archive, scratch] = ['archive', 'scratch'].map(
      (name) => report.findings.find((f) => f.code === 'PVCPending' && f.object.name === name)!,
    );
    for (const finding of [archive!, scratch!]) sameEnglish(finding);
    show('storage zh-CN', [...read(archive!, 'zh-CN'), ...read(scratch!, 'zh-CN')]);
    const said = 'The zone europe-west1-b does not have enough resources available to fulfill the request';
    expect(read(archive!, 'zh-TW').slice(0, 3)).toEqual([
      `PersistentVolumeClaim data/archive 尚未綁定：StorageClass fast-ssd 的佈建程式容量不足：${said}。`,
      `StorageClass fast-ssd 的佈建程式容量不足：${said}`,
      '狀態 Pending，StorageClass fast-ssd，請求容量 500Gi',
    ]);
    expect(read(scratch!, 'zh-CN')).toEqual([
      'PersistentVolumeClaim data/scratch 尚未绑定：StorageClass nvme 不存在。',
      'StorageClass nvme 不存在',
      '状态 Pending，StorageClass nvme，请求容量 500Gi',
    ]);
  });

  it('a rollout that changed the image: the change, its way back', async () => {
    const finding = (await scenario('change-bad-image-rollout.yaml')).findings[0]!;
    expect(finding.rootCause?.code).toBe('RecentChange');
    sameEnglish(finding);
    const change = (locale: Locale) => [
      render(finding.rootCause!.detailText!, locale),
      render(finding.evidenceTexts![0]!, locale),
      ...finding.suggestionTexts!.slice(0, 2).map((text) => render(text, locale)),
    ];
    show('rollout zh-TW', change('zh-TW'));
    expect(change('zh-TW')).toEqual([
      '在 Deployment shop/payment 發布了第 14 版：映像檔 payment:2.3.0 → payment:2.3.1、環境變數 DB_HOST 已變更後 4 分鐘開始',
      '在 Deployment shop/payment 發布了第 14 版：映像檔 payment:2.3.0 → payment:2.3.1、環境變數 DB_HOST 已變更後 4 分鐘開始出問題',
      '回滾到第 13 版：kubectl -n shop rollout undo deployment/payment --to-revision=13',
      '變更前：DB_HOST 原本是 db.shop',
    ]);
    expect(change('zh-CN')).toEqual([
      '在 Deployment shop/payment 发布了第 14 版：镜像 payment:2.3.0 → payment:2.3.1、环境变量 DB_HOST 已变更后 4 分钟开始',
      '在 Deployment shop/payment 发布了第 14 版：镜像 payment:2.3.0 → payment:2.3.1、环境变量 DB_HOST 已变更后 4 分钟开始出问题',
      '回滚到第 13 版：kubectl -n shop rollout undo deployment/payment --to-revision=13',
      '变更前：DB_HOST 原来是 db.shop',
    ]);
  });
});

describe('an Argo CD explanation in zh-CN', () => {
  const state: ApplicationState = {
    app: 'payments',
    namespace: 'argocd',
    phase: 'Failed',
    revision: 'abc1234def5678901234567890abcdef12345678',
    syncStatus: 'OutOfSync',
    healthStatus: 'Healthy',
    source: { repoURL: 'https://github.com/acme/deploy.git', path: 'apps/payments', targetRevision: 'main' },
    destinationNamespace: 'pay',
    syncOptions: [],
    synced: [
      {
        kind: 'Deployment',
        name: 'payments',
        namespace: 'pay',
        status: 'SyncFailed',
        message:
          'Deployment.apps "payments" is invalid: spec.template.spec.containers[0].image: Required value',
      },
    ],
    conditions: [],
    tracked: [],
  };

  it('names the resource, the field and the fix in Simplified Chinese; the English is as before', () => {
    const finding = argoFinding(state, classify(state))!;
    sameEnglish(finding);
    expect(finding.summary).toBe(
      'Argo CD Application payments failed to sync revision abc1234: Deployment payments: spec.template.spec.containers[0].image: Required value. Fix: set spec.template.spec.containers[0].image in the manifest.',
    );
    const lines = [
      render(finding.summaryText!, 'zh-CN'),
      ...finding.evidenceTexts!.map((text) => render(text, 'zh-CN')),
      ...finding.suggestionTexts!.map((text) => render(text, 'zh-CN')),
    ];
    show('argo zh-CN', lines);
    expect(lines).toEqual([
      'Argo CD Application payments 同步失败（版本 abc1234）：Deployment payments：spec.template.spec.containers[0].image：缺少必填的值。修复方法：在清单中设置 spec.template.spec.containers[0].image。',
      'operationState.phase Failed',
      '同步 OutOfSync · 健康 Healthy',
      'Deployment payments：spec.template.spec.containers[0].image：缺少必填的值',
      '在清单中设置 spec.template.spec.containers[0].image',
      'argocd app get payments',
    ]);
  });

  it('a namespace Argo CD does not create, in zh-TW too', () => {
    const missing: ApplicationState = {
      ...state,
      synced: [],
      message: 'namespaces "pay" not found',
    };
    const [cause] = classify(missing);
    expect(render(cause!.detailText!, 'zh-CN')).toBe('命名空间 pay 不存在');
    expect(render(cause!.fixText!, 'zh-CN')).toBe(
      '在 Application 的 syncOptions 中添加 CreateNamespace=true（会创建目标命名空间 pay）',
    );
    expect(render(cause!.fixText!, 'zh-TW')).toBe(
      '在 Application 的 syncOptions 加上 CreateNamespace=true（會建立目的地命名空間 pay）',
    );
    expect(render(cause!.fixText!, 'en')).toBe(cause!.fix);
  });
});
