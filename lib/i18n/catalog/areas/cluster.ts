// Catalogue area "cluster": scheduling, quotas, volumes, nodes, rollouts, workloads, Services, Ingresses, Argo CD, recent changes. Spread into the three catalogues (lib/i18n/catalog/*.ts); one key, three languages.
import type { AreaCatalog } from './area.ts';

export const en = {
  // Lists: a sentence that names several things joins them two at a time (nested Texts).
  'cluster.and': '{first} and {second}',
  'cluster.then': '{first}; {second}',
  // Unschedulable pods and why.
  'cluster.unschedulable': '{who} cannot be scheduled: {cause}.',
  'cluster.claimMissing': 'claim {claim} does not exist',
  'cluster.claimUnbound': 'claim {claim} is not bound',
  'cluster.claimUnboundBecause': 'claim {claim} is not bound: {why}',
  'cluster.insufficient':
    "no node has enough {resources} for the pod's requests{requests, select, none {} other { ({requests})}}",
  'cluster.selectorMismatch':
    "no node matches the pod's node selector/affinity{selector, select, none {} other { {selector}}}",
  'cluster.untoleratedTaint':
    'the pod does not tolerate taint {taint}, which {nodes, plural, =0 {{count, plural, one {# node carries} other {# nodes carry}}} one {node {names} carries} other {nodes {names}{more, plural, =0 {} other { and # more}} carry}}',
  'cluster.podPending': 'pod {pod}: Pending, PodScheduled=False (Unschedulable)',
  'cluster.morePending': '{count, plural, one {# pod} other {# pods}} pending',
  'cluster.lowerRequests': 'lower the requests, add nodes, or let the cluster autoscaler scale up',
  'cluster.addToleration': 'add a toleration for that taint to the pod template, or add nodes without it',
  // Claims that do not bind.
  'cluster.storageClassMissing': 'StorageClass {storageClass} does not exist',
  'cluster.noDefaultClass': 'no {field} and the cluster has no default StorageClass',
  'cluster.outOfCapacity':
    'the provisioner{storageClass, select, none {} other { of StorageClass {storageClass}}} is out of capacity: {said}',
  'cluster.provisioningFailed': 'provisioning failed: {said}',
  'cluster.pvcNotBound': 'PersistentVolumeClaim {pvc} is not bound.',
  'cluster.pvcNotBoundBecause': 'PersistentVolumeClaim {pvc} is not bound: {why}.',
  'cluster.pvcState':
    'phase Pending, storageClassName {storageClass, select, none {(default)} other {{storageClass}}}, requests {storage}',
  'cluster.event': 'event {reason} ×{count}: {message}',
  'cluster.eventOn': 'event {reason} ×{count} on {object}: {message}',
  // Quotas.
  'cluster.quotaCannotCreate':
    '{who} cannot create pods: ResourceQuota{quota, select, none {} other { {quota}}} is exceeded{over, select, none {} other { on {over}}}.',
  'cluster.quotaFull': 'ResourceQuota {quota} is full: {use}',
  'cluster.quotaUse': '{resource} used {used} of {hard}, one pod requests {ask}',
  'cluster.usedUp': 'used up',
  'cluster.raiseQuota': 'raise the quota or lower the requests',
} as const satisfies Record<string, string>;

export const zhTW: AreaCatalog<typeof en> = {
  'cluster.and': '{first}、{second}',
  'cluster.then': '{first}；{second}',
  'cluster.unschedulable': '{who} 無法排程：{cause}。',
  'cluster.claimMissing': 'PVC {claim} 不存在',
  'cluster.claimUnbound': 'PVC {claim} 尚未綁定',
  'cluster.claimUnboundBecause': 'PVC {claim} 尚未綁定：{why}',
  'cluster.insufficient':
    '沒有節點有足夠的 {resources} 滿足 Pod 的資源請求{requests, select, none {} other {（{requests}）}}',
  'cluster.selectorMismatch':
    '沒有節點符合 Pod 的節點選擇器／親和性{selector, select, none {} other {（{selector}）}}',
  'cluster.untoleratedTaint':
    'Pod 不容忍污點 {taint}，{nodes, plural, =0 {有 {count} 個節點帶有這個污點} other {節點 {names}{more, plural, =0 {} other { 及另外 # 個節點}} 帶有這個污點}}',
  'cluster.podPending': 'Pod {pod}：Pending，PodScheduled=False（Unschedulable）',
  'cluster.morePending': '{count} 個 Pod 等待排程',
  'cluster.lowerRequests': '調低資源請求、增加節點，或讓叢集自動擴展器擴展節點',
  'cluster.addToleration': '在 Pod 範本加上對這個污點的容忍設定，或增加沒有這個污點的節點',
  'cluster.storageClassMissing': 'StorageClass {storageClass} 不存在',
  'cluster.noDefaultClass': '沒有設定 {field}，叢集也沒有預設的 StorageClass',
  'cluster.outOfCapacity':
    '{storageClass, select, none {佈建程式} other {StorageClass {storageClass} 的佈建程式}}容量不足：{said}',
  'cluster.provisioningFailed': '佈建失敗：{said}',
  'cluster.pvcNotBound': 'PersistentVolumeClaim {pvc} 尚未綁定。',
  'cluster.pvcNotBoundBecause': 'PersistentVolumeClaim {pvc} 尚未綁定：{why}。',
  'cluster.pvcState':
    '狀態 Pending，StorageClass {storageClass, select, none {（預設）} other {{storageClass}}}，請求容量 {storage}',
  'cluster.event': '事件 {reason} ×{count}：{message}',
  'cluster.eventOn': '{object} 的事件 {reason} ×{count}：{message}',
  'cluster.quotaCannotCreate':
    '{who} 無法建立 Pod：ResourceQuota{quota, select, none {} other { {quota}}} 已超出{over, select, none {} other {（{over}）}}。',
  'cluster.quotaFull': 'ResourceQuota {quota} 已用滿：{use}',
  'cluster.quotaUse': '{resource} 已用 {used}／上限 {hard}，每個 Pod 請求 {ask}',
  'cluster.usedUp': '已用完',
  'cluster.raiseQuota': '調高配額，或調低資源請求',
};

export const zhCN: AreaCatalog<typeof en> = {
  'cluster.and': '{first}、{second}',
  'cluster.then': '{first}；{second}',
  'cluster.unschedulable': '{who} 无法调度：{cause}。',
  'cluster.claimMissing': 'PVC {claim} 不存在',
  'cluster.claimUnbound': 'PVC {claim} 尚未绑定',
  'cluster.claimUnboundBecause': 'PVC {claim} 尚未绑定：{why}',
  'cluster.insufficient':
    '没有节点有足够的 {resources} 满足 Pod 的资源请求{requests, select, none {} other {（{requests}）}}',
  'cluster.selectorMismatch':
    '没有节点符合 Pod 的节点选择器/亲和性{selector, select, none {} other {（{selector}）}}',
  'cluster.untoleratedTaint':
    'Pod 不容忍污点 {taint}，{nodes, plural, =0 {有 {count} 个节点带有这个污点} other {节点 {names}{more, plural, =0 {} other { 及另外 # 个节点}} 带有这个污点}}',
  'cluster.podPending': 'Pod {pod}：Pending，PodScheduled=False（Unschedulable）',
  'cluster.morePending': '{count} 个 Pod 等待调度',
  'cluster.lowerRequests': '降低资源请求、增加节点，或让集群自动扩缩器扩容节点',
  'cluster.addToleration': '在 Pod 模板中添加对这个污点的容忍度，或增加不带这个污点的节点',
  'cluster.storageClassMissing': 'StorageClass {storageClass} 不存在',
  'cluster.noDefaultClass': '没有设置 {field}，集群也没有默认的 StorageClass',
  'cluster.outOfCapacity':
    '{storageClass, select, none {制备器} other {StorageClass {storageClass} 的制备器}}容量不足：{said}',
  'cluster.provisioningFailed': '制备失败：{said}',
  'cluster.pvcNotBound': 'PersistentVolumeClaim {pvc} 尚未绑定。',
  'cluster.pvcNotBoundBecause': 'PersistentVolumeClaim {pvc} 尚未绑定：{why}。',
  'cluster.pvcState':
    '状态 Pending，StorageClass {storageClass, select, none {（默认）} other {{storageClass}}}，请求容量 {storage}',
  'cluster.event': '事件 {reason} ×{count}：{message}',
  'cluster.eventOn': '{object} 的事件 {reason} ×{count}：{message}',
  'cluster.quotaCannotCreate':
    '{who} 无法创建 Pod：ResourceQuota{quota, select, none {} other { {quota}}} 已超出{over, select, none {} other {（{over}）}}。',
  'cluster.quotaFull': 'ResourceQuota {quota} 已用满：{use}',
  'cluster.quotaUse': '{resource} 已用 {used}/上限 {hard}，每个 Pod 请求 {ask}',
  'cluster.usedUp': '已用完',
  'cluster.raiseQuota': '提高配额，或降低资源请求',
};
