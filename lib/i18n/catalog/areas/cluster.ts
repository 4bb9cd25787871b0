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
  // Recent changes: what a rollout changed in the pod template.
  'cluster.comma': '{first}, {second}',
  'cluster.commaAnd': '{first}, and {second}',
  'cluster.andMore': '{list} and {count} more',
  'cluster.inContainer': '{container}: {change}',
  'cluster.containerAdded': 'container {name} added',
  'cluster.containerRemoved': 'container {name} removed',
  'cluster.imageChanged': 'image {before} → {after}',
  'cluster.commandChanged': 'command changed',
  'cluster.envChanged': 'env {name} changed',
  'cluster.envAdded': 'env {name} added',
  'cluster.envRemoved': 'env {name} removed',
  'cluster.fieldChanged': '{field} changed',
  'cluster.resourceChanged':
    '{resource} {bound, select, limit {limit} other {request}} {before, select, none {none} other {{before}}} → {after, select, none {none} other {{after}}}',
  'cluster.resourcesChanged': 'resources changed',
  'cluster.probeChanged': '{probe} probe changed',
  'cluster.mountsChanged': 'volume mounts changed',
  'cluster.volumesChanged': 'volumes changed',
  'cluster.restarted': 'restarted ({command})',
  'cluster.envWas': '{name} was {value}',
  'cluster.fromConfigMap': 'from ConfigMap {name} key {key}',
  'cluster.fromField': 'from a field',
  'cluster.before': 'Before: {values}',
  // Recent changes: each change, its way back, and the verdict on it.
  'cluster.rolledOut': '{workload} rolled out revision {revision}{diffs, select, none {} other {: {diffs}}}',
  'cluster.rollBackTo': 'Roll back to revision {revision}: {command}',
  'cluster.configEdited':
    '{object} was edited{writer, select, none {} other { (by {writer})}}, used by {workload}',
  'cluster.restoreSecret':
    'Restore Secret {name} from where you keep it ({product} never reads Secret values)',
  'cluster.restoreConfigMap':
    'Restore ConfigMap {name} from your source (the cluster keeps no earlier copy), then {command}',
  'cluster.argoSynced':
    'Argo CD synced {app} to revision {revision}{from, select, none {} other { (from {from})}}',
  'cluster.argoRollback':
    'Roll back the sync: {command} (turn off auto-sync first, or revert the commit in Git)',
  'cluster.helmUpgraded': 'Helm upgraded release {release} to version {version} ({status})',
  'cluster.helmRollback': 'Roll back the release: {command}',
  'cluster.span':
    '{unit, select, min {{n} min} hour {{n, plural, one {# hour} other {# hours}}} other {{n, plural, one {# day} other {# days}}}}',
  'cluster.blame':
    '{within, select, yes {started within a minute of} other {started {minutes} min after}} {changes}',
  'cluster.blameLead':
    '{within, select, yes {Started within a minute of} other {Started {minutes} min after}} {changes}',
  'cluster.notBlamedUnreached':
    '{change} {span} before it started, but pods it did not reach fail too: not blamed',
  'cluster.notBlamedOutside':
    '{change} {span} before it started: outside the {window} min window, not blamed',
  'cluster.noChangeSince': 'No change in the last {span} before it started; the last: {change}',
  'cluster.noChangeRecorded': 'No change recorded for {workload}',
  'cluster.noChangeRunning':
    'No change in the last {span} before it started: revision {revision} has run since',
  'cluster.cameAfter': '{change} came {span} after it started: not the cause',
  'cluster.summaryWithChange': '{summary} It {line}.',
  'cluster.summaryArrived': '{summary} It arrived with a change: it {line}.',
  'cluster.arrivedWith': 'Arrived with a change: {line}',
  // Argo CD: what a sync failure's texts show, and the one thing to change.
  'cluster.argoResource': '{kind, select, none {a resource} other {{kind} {name}}}',
  'cluster.argoInvalid': '{resource}: {field}: {what}{value, select, none {} other {: {value}}}',
  'cluster.argoUnknownField': 'unknown field',
  'cluster.argoRequired': 'Required value',
  'cluster.argoExpected': 'expected {expected}, got {got}',
  'cluster.argoImmutable': 'field is immutable',
  'cluster.argoStatefulSetOnly': 'only {fields} may change on a StatefulSet',
  'cluster.argoRemoveField':
    "remove {field} or correct its name (a typo, or a field this cluster's API version does not have)",
  'cluster.argoRemoveFieldShort': 'remove {field} or correct its name',
  'cluster.argoWriteAs':
    'write {field} as {type, select, string {a quoted string} number {a plain number (no quotes)} other {a plain {type} (no quotes)}}',
  'cluster.argoSetField': 'set {field} in the manifest',
  'cluster.argoCorrect': 'correct {field}{reason, select, none {} other { ({reason})}}',
  'cluster.argoNoNamespace':
    '{resource, select, none {} other {{resource}: }}namespace {name} does not exist',
  'cluster.argoAddCreateNs':
    "add {option} to the Application's {field} (it creates the destination namespace {name})",
  'cluster.argoCreateNsFailed':
    '{option} is set but did not create {name}: check that Argo CD may create namespaces on this cluster',
  'cluster.argoCreateNsInRepo':
    'create namespace {name} in the repo ({option} creates only the destination namespace{destination, select, none {} other { {destination}}})',
  'cluster.argoNsUnmanaged': '{kind} {resource}: namespace {name} is not managed by Argo CD on this cluster',
  'cluster.argoAddManagedNs':
    "add {name} to the cluster's namespaces list in Argo CD (the cluster secret), or deploy {kind} {resource} to a managed namespace; {option} does not help",
  'cluster.argoWebhookDenied': '{resource}: admission webhook {name} denied the request: {said}',
  'cluster.argoWebhookFailed': '{resource}: admission webhook {name} could not be called: {said}',
  'cluster.argoSatisfyPolicy':
    'change the manifest to satisfy the policy of {name}, or ask its owners for an exception',
  'cluster.argoWebhookUp':
    "bring the webhook's backend up{service, select, none {} other { (Service {service})}}, then sync again",
  'cluster.argoRevertImmutable':
    'revert {field} in the repo, or recreate {resource}: the sync option {option} (or deleting it and syncing) replaces it; nothing was done',
  'cluster.argoWhere':
    '{repo, select, none {the repo} other {{repo}}}{path, select, none {} other { path {path}}}{chart, select, none {} other { chart {chart}}}{revision, select, none {} other { at {revision}}}',
  'cluster.argoCannotRender': 'Application {app} could not render {where}: {said}',
  'cluster.argoCheckPath':
    'check that {path, select, none {the path} other {path {path}}} exists in {repo, select, none {the repo} other {{repo}}} at {revision}',
  'cluster.argoCheckProject':
    'check AppProject {project}: its {repos}, {destinations} and resource whitelists',
  'cluster.argoCheckRevision':
    'check that {field} {revision, select, none {} other {{revision} }}is a branch, tag or commit of {repo, select, none {the repo} other {{repo}}}',
  'cluster.argoCheckCredentials':
    'check the repository credentials Argo CD has for {repo, select, none {the repo} other {{repo}}}',
  'cluster.argoRenderLocally': 'render {where} locally ({commands}) and fix the error it shows',
  'cluster.argoHookFailed': '{hook} hook {kind} {name} failed{message, select, none {} other {: {message}}}',
  'cluster.argoFixHook': "fix what the hook {kind} {name} runs (its pod's log says why), then sync again",
  'cluster.argoResourceHealth': '{kind} {name} is {status}{message, select, none {} other {: {message}}}',
  'cluster.argoDrifted': '{count, plural, one {# resource} other {# resources}} drifted from git: {list}',
  'cluster.argoSyncStatus':
    'sync status is {status}{status, select, Unknown {: Argo CD could not compare the app with git} other {}}',
  'cluster.argoDiff': '{command}, then sync or revert the change made outside git',
  // Argo CD: the Application's finding and what the cluster adds to it.
  'cluster.argoSummary':
    'Argo CD Application {app} {state, select, failed {failed to sync{revision, select, none {} other { revision {revision}}}} degraded {is {health} after sync{revision, select, none {} other { of revision {revision}}}} other {is {sync}}}{said, select, none {} other {: {said}}}{because, select, none {} other { — {because}}}.{fix, select, none {} other { Fix: {fix}.}}',
  'cluster.argoStatus': 'sync {sync} · health {health}{message, select, none {} other {: {message}}}',
  'cluster.argoSubject': '{subject}: {detail}',
  // Argo CD: the report when the Application cannot be read, or shows nothing to fix.
  'cluster.argoNotFound': 'Application {app} was not found on cluster {cluster}',
  'cluster.argoUnreadable': 'Application {app} could not be read on cluster {cluster} ({reason})',
  'cluster.argoFromNotification': '{why}: explained from the notification alone',
  'cluster.argoReportSummary':
    '{summary}{why, select, none {} other { ({why}; this is from the notification alone.)}}',
  'cluster.argoTrigger':
    '{trigger, select, failed {sync failed} unhealthy {app {health}} outOfSync {app out of sync} unknown {app sync status unknown} other {notification}}',
  'cluster.argoNoDiagnosis':
    'No diagnosis: {why}. Argo CD reported {trigger} for Application {app}.{said, select, none {} other { Argo CD says: {said}}}',
  'cluster.argoNothingToFix':
    'Argo CD Application {app} shows nothing to fix now: sync {sync}, health {health}{phase, select, none {} other {, last operation {phase}}}.{said, select, none {} other { Argo CD says: {said}}}',
  // Nodes.
  'cluster.nodeNotReady':
    'Node {node} is not ready (Ready={status}{reason, select, none {} other {, {reason}}}){cordoned, select, yes { and is cordoned} other {}}{pods, plural, =0 {} one {; # pod of {workloads, plural, one {# workload} other {# workloads}} runs there} other {; # pods of {workloads, plural, one {# workload} other {# workloads}} run there}}.',
  'cluster.conditionSince': '{condition}={status} since {since}: {message}',
  'cluster.podsOnNode': '{pods, plural, one {# pod} other {# pods}} on it, of {workloads}',
  'cluster.checkKubelet': 'check the {kubelet} and container runtime on the node',
  'cluster.nodePressure': 'Node {node} reports {conditions}; the {kubelet} evicts pods until it recovers.',
  // Rollouts.
  'cluster.newReplicaSet': 'new ReplicaSet {rs}: {detail}',
  'cluster.newReplicaSetCannotCreate': 'new ReplicaSet {rs} cannot create pods: {message}',
  'cluster.rolloutStuck':
    'The rollout of {deployment} is stuck{rs, select, none {} other { on ReplicaSet {rs}{image, select, none {} other { ({image})}}}}{cause, select, none {} other {: {cause}}}.',
  'cluster.replicaCounts': 'replicas {replicas}, updated {updated}, available {available}',
  'cluster.rollbackCommand': '{command} (back to the last good ReplicaSet)',
  // Workloads short of ready replicas.
  'cluster.workloadReady':
    '{workload} has {ready}/{desired} ready replicas{stuck, select, none {} other {: {stuck}}}.',
  'cluster.desiredReady': '{kind} {name}: desired {desired}, ready {ready}',
  'cluster.replicaHeld':
    '{pod} {held, select, none {not ready} other {{held}}}{since, select, none {} other { for {since}}}',
  // Services and Ingresses.
  'cluster.serviceNoEndpoints': '{service} has no ready endpoints: {cause}.',
  'cluster.fixSelector': 'fix the Service selector or the pod template labels so they agree',
  'cluster.scaleIfRunning': '{command} (if it should be running)',
  'cluster.serviceMissing': 'Service {service} does not exist',
  'cluster.serviceNoPort':
    'Service {service} has no port {port} (it has {ports, select, none {none} other {{ports}}})',
  'cluster.backendNoEndpoints': 'Service {service} has no ready endpoints: {cause}',
  'cluster.ingress503': '{ingress} cannot serve {route} (503): {cause}.',
  'cluster.ingressRule': 'rule {route} → service {service}:{port}',
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
  'cluster.comma': '{first}、{second}',
  'cluster.commaAnd': '{first}，以及 {second}',
  'cluster.andMore': '{list}，另有 {count} 項',
  'cluster.inContainer': '{container}：{change}',
  'cluster.containerAdded': '新增容器 {name}',
  'cluster.containerRemoved': '移除容器 {name}',
  'cluster.imageChanged': '映像檔 {before} → {after}',
  'cluster.commandChanged': '啟動命令已變更',
  'cluster.envChanged': '環境變數 {name} 已變更',
  'cluster.envAdded': '新增環境變數 {name}',
  'cluster.envRemoved': '移除環境變數 {name}',
  'cluster.fieldChanged': '{field} 已變更',
  'cluster.resourceChanged':
    '{resource} {bound, select, limit {上限} other {請求}} {before, select, none {未設定} other {{before}}} → {after, select, none {未設定} other {{after}}}',
  'cluster.resourcesChanged': '資源設定已變更',
  'cluster.probeChanged': '{probe} 探針已變更',
  'cluster.mountsChanged': '磁碟區掛載已變更',
  'cluster.volumesChanged': '磁碟區已變更',
  'cluster.restarted': '已重啟（{command}）',
  'cluster.envWas': '{name} 原本是 {value}',
  'cluster.fromConfigMap': '來自 ConfigMap {name} 的鍵 {key}',
  'cluster.fromField': '來自欄位',
  'cluster.before': '變更前：{values}',
  'cluster.rolledOut': '{workload} 發布了第 {revision} 版{diffs, select, none {} other {：{diffs}}}',
  'cluster.rollBackTo': '回滾到第 {revision} 版：{command}',
  'cluster.configEdited':
    '{workload} 使用的 {object} 被修改了{writer, select, none {} other {（由 {writer} 修改）}}',
  'cluster.restoreSecret': '從你保存的地方還原 Secret {name}（{product} 從不讀取 Secret 的值）',
  'cluster.restoreConfigMap': '從你的來源還原 ConfigMap {name}（叢集沒有保留先前的版本），再執行 {command}',
  'cluster.argoSynced':
    'Argo CD 將 {app} 同步到版本 {revision}{from, select, none {} other {（原為 {from}）}}',
  'cluster.argoRollback': '回滾這次同步：{command}（先關閉自動同步，或在 Git 還原該提交）',
  'cluster.helmUpgraded': 'Helm 將 {release} 升級到第 {version} 版（{status}）',
  'cluster.helmRollback': '回滾這次升級：{command}',
  'cluster.span': '{unit, select, min {{n} 分鐘} hour {{n} 小時} other {{n} 天}}',
  'cluster.blame':
    '{within, select, yes {在 {changes}後一分鐘內開始} other {在 {changes}後 {minutes} 分鐘開始}}',
  'cluster.blameLead':
    '{within, select, yes {在 {changes}後一分鐘內開始出問題} other {在 {changes}後 {minutes} 分鐘開始出問題}}',
  'cluster.notBlamedUnreached': '{change}，在問題開始前 {span}；但它沒有更新到的 Pod 也失敗了：不是原因',
  'cluster.notBlamedOutside': '{change}，在問題開始前 {span}：超出 {window} 分鐘的時間範圍，不是原因',
  'cluster.noChangeSince': '問題開始前 {span}內沒有變更；最近一次：{change}',
  'cluster.noChangeRecorded': '沒有 {workload} 的變更紀錄',
  'cluster.noChangeRunning': '問題開始前 {span}內沒有變更：一直在執行第 {revision} 版',
  'cluster.cameAfter': '{change}，在問題開始後 {span}才發生：不是原因',
  'cluster.summaryWithChange': '{summary}問題{line}。',
  'cluster.summaryArrived': '{summary}這是隨變更而來的：問題{line}。',
  'cluster.arrivedWith': '隨變更而來：問題{line}',
  'cluster.argoResource': '{kind, select, none {某個資源} other {{kind} {name}}}',
  'cluster.argoInvalid': '{resource}：{field}：{what}{value, select, none {} other {：{value}}}',
  'cluster.argoUnknownField': '未知的欄位',
  'cluster.argoRequired': '缺少必填的值',
  'cluster.argoExpected': '應為 {expected}，實際是 {got}',
  'cluster.argoImmutable': '欄位不可變更',
  'cluster.argoStatefulSetOnly': 'StatefulSet 只能變更 {fields}',
  'cluster.argoRemoveField': '移除 {field} 或修正它的名稱（可能是拼錯，或這個叢集的 API 版本沒有這個欄位）',
  'cluster.argoRemoveFieldShort': '移除 {field} 或修正它的名稱',
  'cluster.argoWriteAs':
    '把 {field} 寫成{type, select, string {加引號的字串} number {不加引號的數字} other {不加引號的 {type}}}',
  'cluster.argoSetField': '在資源清單中設定 {field}',
  'cluster.argoCorrect': '修正 {field}{reason, select, none {} other {（{reason}）}}',
  'cluster.argoNoNamespace': '{resource, select, none {} other {{resource}：}}命名空間 {name} 不存在',
  'cluster.argoAddCreateNs': '在 Application 的 {field} 加上 {option}（會建立目的地命名空間 {name}）',
  'cluster.argoCreateNsFailed':
    '已設定 {option}，卻沒有建立 {name}：請確認 Argo CD 有權限在這個叢集建立命名空間',
  'cluster.argoCreateNsInRepo':
    '在儲存庫中建立命名空間 {name}（{option} 只會建立目的地命名空間{destination, select, none {} other { {destination}}}）',
  'cluster.argoNsUnmanaged': '{kind} {resource}：命名空間 {name} 在這個叢集上不受 Argo CD 管理',
  'cluster.argoAddManagedNs':
    '把 {name} 加到 Argo CD 裡這個叢集的命名空間清單（叢集的 Secret），或把 {kind} {resource} 部署到受管理的命名空間；{option} 沒有幫助',
  'cluster.argoWebhookDenied': '{resource}：准入 webhook {name} 拒絕了請求：{said}',
  'cluster.argoWebhookFailed': '{resource}：無法呼叫准入 webhook {name}：{said}',
  'cluster.argoSatisfyPolicy': '修改資源清單以符合 {name} 的規則，或請它的負責人開例外',
  'cluster.argoWebhookUp':
    '先讓 webhook 的後端恢復運作{service, select, none {} other {（Service {service}）}}，再重新同步',
  'cluster.argoRevertImmutable':
    '在儲存庫中還原 {field}，或重建 {resource}：同步選項 {option}（或刪除後再同步）會取代它；目前什麼都沒做',
  'cluster.argoWhere':
    '{repo, select, none {儲存庫} other {{repo}}}{path, select, none {} other { 的路徑 {path}}}{chart, select, none {} other { 的 Chart {chart}}}{revision, select, none {} other {（{revision}）}}',
  'cluster.argoCannotRender': 'Application {app} 無法產生 {where} 的資源清單：{said}',
  'cluster.argoCheckPath':
    '確認{path, select, none {路徑} other {路徑 {path}}}存在於 {repo, select, none {儲存庫} other {{repo}}} 的 {revision}',
  'cluster.argoCheckProject': '檢查 AppProject {project}：它的 {repos}、{destinations} 與資源白名單',
  'cluster.argoCheckRevision':
    '確認 {field} {revision, select, none {} other {{revision} }}是 {repo, select, none {儲存庫} other {{repo}}} 的分支、標籤或提交',
  'cluster.argoCheckCredentials': '檢查 Argo CD 存放的 {repo, select, none {儲存庫} other {{repo}}} 憑證',
  'cluster.argoRenderLocally': '在本機產生 {where} 的資源清單（{commands}），並修正它顯示的錯誤',
  'cluster.argoHookFailed': '{hook} 鉤子 {kind} {name} 失敗{message, select, none {} other {：{message}}}',
  'cluster.argoFixHook': '修正鉤子 {kind} {name} 執行的內容（它的 Pod 日誌會說明原因），再重新同步',
  'cluster.argoResourceHealth': '{kind} {name} 狀態為 {status}{message, select, none {} other {：{message}}}',
  'cluster.argoDrifted': '有 {count} 個資源與 Git 不一致：{list}',
  'cluster.argoSyncStatus':
    '同步狀態為 {status}{status, select, Unknown {：Argo CD 無法比對這個應用程式與 Git} other {}}',
  'cluster.argoDiff': '{command}，然後同步，或還原在 Git 之外做的變更',
  'cluster.argoSummary':
    'Argo CD Application {app} {state, select, failed {同步失敗{revision, select, none {} other {（版本 {revision}）}}} degraded {在同步{revision, select, none {} other {版本 {revision} }}後狀態為 {health}} other {狀態為 {sync}}}{said, select, none {} other {：{said}}}{because, select, none {} other {，{because}}}。{fix, select, none {} other {修正方式：{fix}。}}',
  'cluster.argoStatus': '同步 {sync} · 健康 {health}{message, select, none {} other {：{message}}}',
  'cluster.argoSubject': '{subject}：{detail}',
  'cluster.argoNotFound': '在叢集 {cluster} 上找不到 Application {app}',
  'cluster.argoUnreadable': '無法讀取叢集 {cluster} 上的 Application {app}（{reason}）',
  'cluster.argoFromNotification': '{why}：僅根據通知說明',
  'cluster.argoReportSummary': '{summary}{why, select, none {} other {（{why}；以上僅根據通知。）}}',
  'cluster.argoTrigger':
    '{trigger, select, failed {同步失敗} unhealthy {應用程式 {health}} outOfSync {應用程式未同步} unknown {應用程式同步狀態不明} other {通知}}',
  'cluster.argoNoDiagnosis':
    '無法診斷：{why}。Argo CD 回報 Application {app} {trigger}。{said, select, none {} other {Argo CD 的訊息：{said}}}',
  'cluster.argoNothingToFix':
    'Argo CD Application {app} 目前沒有需要修正的地方：同步 {sync}，健康 {health}{phase, select, none {} other {，上次操作 {phase}}}。{said, select, none {} other {Argo CD 的訊息：{said}}}',
  'cluster.nodeNotReady':
    'Node {node} 未就緒（Ready={status}{reason, select, none {} other {，{reason}}}）{cordoned, select, yes {，且已停止排程} other {}}{pods, plural, =0 {} other {；上面有 {workloads} 個工作負載的 {pods} 個 Pod}}。',
  'cluster.conditionSince': '{condition}={status}，自 {since} 起：{message}',
  'cluster.podsOnNode': '上面有 {pods} 個 Pod，屬於 {workloads}',
  'cluster.checkKubelet': '檢查節點上的 {kubelet} 與容器執行環境',
  'cluster.nodePressure': 'Node {node} 回報 {conditions}；{kubelet} 會持續驅逐 Pod，直到節點恢復。',
  'cluster.newReplicaSet': '新的 ReplicaSet {rs}：{detail}',
  'cluster.newReplicaSetCannotCreate': '新的 ReplicaSet {rs} 無法建立 Pod：{message}',
  'cluster.rolloutStuck':
    '{deployment} 的滾動更新卡住了{rs, select, none {} other {，停在 ReplicaSet {rs}{image, select, none {} other {（{image}）}}}}{cause, select, none {} other {：{cause}}}。',
  'cluster.replicaCounts': '副本 {replicas}，已更新 {updated}，可用 {available}',
  'cluster.rollbackCommand': '{command}（退回上一個正常的 ReplicaSet）',
  'cluster.workloadReady':
    '{workload} 只有 {ready}/{desired} 個副本就緒{stuck, select, none {} other {：{stuck}}}。',
  'cluster.desiredReady': '{kind} {name}：期望 {desired}，就緒 {ready}',
  'cluster.replicaHeld':
    '{pod} {held, select, none {未就緒} other {{held}}}{since, select, none {} other {（已持續 {since}）}}',
  'cluster.serviceNoEndpoints': '{service} 沒有就緒的端點：{cause}。',
  'cluster.fixSelector': '修正 Service 的選擇器或 Pod 範本的標籤，讓兩者一致',
  'cluster.scaleIfRunning': '{command}（如果它應該要在執行）',
  'cluster.serviceMissing': 'Service {service} 不存在',
  'cluster.serviceNoPort':
    'Service {service} 沒有連接埠 {port}{ports, select, none {（它沒有任何連接埠）} other {（它有 {ports}）}}',
  'cluster.backendNoEndpoints': 'Service {service} 沒有就緒的端點：{cause}',
  'cluster.ingress503': '{ingress} 無法提供 {route}（503）：{cause}。',
  'cluster.ingressRule': '規則 {route} → Service {service}:{port}',
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
  'cluster.comma': '{first}、{second}',
  'cluster.commaAnd': '{first}，以及 {second}',
  'cluster.andMore': '{list}，另有 {count} 项',
  'cluster.inContainer': '{container}：{change}',
  'cluster.containerAdded': '新增容器 {name}',
  'cluster.containerRemoved': '移除容器 {name}',
  'cluster.imageChanged': '镜像 {before} → {after}',
  'cluster.commandChanged': '启动命令已变更',
  'cluster.envChanged': '环境变量 {name} 已变更',
  'cluster.envAdded': '新增环境变量 {name}',
  'cluster.envRemoved': '移除环境变量 {name}',
  'cluster.fieldChanged': '{field} 已变更',
  'cluster.resourceChanged':
    '{resource} {bound, select, limit {上限} other {请求}} {before, select, none {未设置} other {{before}}} → {after, select, none {未设置} other {{after}}}',
  'cluster.resourcesChanged': '资源配置已变更',
  'cluster.probeChanged': '{probe} 探针已变更',
  'cluster.mountsChanged': '卷挂载已变更',
  'cluster.volumesChanged': '卷已变更',
  'cluster.restarted': '已重启（{command}）',
  'cluster.envWas': '{name} 原来是 {value}',
  'cluster.fromConfigMap': '来自 ConfigMap {name} 的键 {key}',
  'cluster.fromField': '来自字段',
  'cluster.before': '变更前：{values}',
  'cluster.rolledOut': '{workload} 发布了第 {revision} 版{diffs, select, none {} other {：{diffs}}}',
  'cluster.rollBackTo': '回滚到第 {revision} 版：{command}',
  'cluster.configEdited':
    '{workload} 使用的 {object} 被修改了{writer, select, none {} other {（由 {writer} 修改）}}',
  'cluster.restoreSecret': '从你保存的地方恢复 Secret {name}（{product} 从不读取 Secret 的值）',
  'cluster.restoreConfigMap': '从你的源头恢复 ConfigMap {name}（集群没有保留之前的版本），然后执行 {command}',
  'cluster.argoSynced':
    'Argo CD 将 {app} 同步到版本 {revision}{from, select, none {} other {（之前是 {from}）}}',
  'cluster.argoRollback': '回滚这次同步：{command}（先关闭自动同步，或在 Git 中回退该提交）',
  'cluster.helmUpgraded': 'Helm 将 {release} 升级到第 {version} 版（{status}）',
  'cluster.helmRollback': '回滚这次升级：{command}',
  'cluster.span': '{unit, select, min {{n} 分钟} hour {{n} 小时} other {{n} 天}}',
  'cluster.blame':
    '{within, select, yes {在 {changes}后一分钟内开始} other {在 {changes}后 {minutes} 分钟开始}}',
  'cluster.blameLead':
    '{within, select, yes {在 {changes}后一分钟内开始出问题} other {在 {changes}后 {minutes} 分钟开始出问题}}',
  'cluster.notBlamedUnreached': '{change}，在问题开始前 {span}；但它没有更新到的 Pod 也失败了：不是原因',
  'cluster.notBlamedOutside': '{change}，在问题开始前 {span}：超出 {window} 分钟的时间范围，不是原因',
  'cluster.noChangeSince': '问题开始前 {span}内没有变更；最近一次：{change}',
  'cluster.noChangeRecorded': '没有 {workload} 的变更记录',
  'cluster.noChangeRunning': '问题开始前 {span}内没有变更：一直在运行第 {revision} 版',
  'cluster.cameAfter': '{change}，在问题开始后 {span}才发生：不是原因',
  'cluster.summaryWithChange': '{summary}问题{line}。',
  'cluster.summaryArrived': '{summary}这是随变更而来的：问题{line}。',
  'cluster.arrivedWith': '随变更而来：问题{line}',
  'cluster.argoResource': '{kind, select, none {某个资源} other {{kind} {name}}}',
  'cluster.argoInvalid': '{resource}：{field}：{what}{value, select, none {} other {：{value}}}',
  'cluster.argoUnknownField': '未知字段',
  'cluster.argoRequired': '缺少必填的值',
  'cluster.argoExpected': '应为 {expected}，实际是 {got}',
  'cluster.argoImmutable': '字段不可变更',
  'cluster.argoStatefulSetOnly': 'StatefulSet 只能变更 {fields}',
  'cluster.argoRemoveField':
    '删除 {field} 或修正它的名称（可能是拼写错误，或这个集群的 API 版本没有这个字段）',
  'cluster.argoRemoveFieldShort': '删除 {field} 或修正它的名称',
  'cluster.argoWriteAs':
    '把 {field} 写成{type, select, string {带引号的字符串} number {不带引号的数字} other {不带引号的 {type}}}',
  'cluster.argoSetField': '在清单中设置 {field}',
  'cluster.argoCorrect': '修正 {field}{reason, select, none {} other {（{reason}）}}',
  'cluster.argoNoNamespace': '{resource, select, none {} other {{resource}：}}命名空间 {name} 不存在',
  'cluster.argoAddCreateNs': '在 Application 的 {field} 中添加 {option}（会创建目标命名空间 {name}）',
  'cluster.argoCreateNsFailed':
    '已设置 {option}，却没有创建 {name}：请确认 Argo CD 有权限在这个集群创建命名空间',
  'cluster.argoCreateNsInRepo':
    '在代码仓库中创建命名空间 {name}（{option} 只会创建目标命名空间{destination, select, none {} other { {destination}}}）',
  'cluster.argoNsUnmanaged': '{kind} {resource}：命名空间 {name} 在这个集群上不受 Argo CD 管理',
  'cluster.argoAddManagedNs':
    '把 {name} 加到 Argo CD 中这个集群的命名空间列表（集群的 Secret），或把 {kind} {resource} 部署到受管理的命名空间；{option} 没有帮助',
  'cluster.argoWebhookDenied': '{resource}：准入 webhook {name} 拒绝了请求：{said}',
  'cluster.argoWebhookFailed': '{resource}：无法调用准入 webhook {name}：{said}',
  'cluster.argoSatisfyPolicy': '修改清单以符合 {name} 的策略，或请它的负责人开例外',
  'cluster.argoWebhookUp':
    '先让 webhook 的后端恢复运行{service, select, none {} other {（Service {service}）}}，再重新同步',
  'cluster.argoRevertImmutable':
    '在代码仓库中回退 {field}，或重建 {resource}：同步选项 {option}（或删除后再同步）会替换它；目前什么都没做',
  'cluster.argoWhere':
    '{repo, select, none {代码仓库} other {{repo}}}{path, select, none {} other { 的路径 {path}}}{chart, select, none {} other { 的 Chart {chart}}}{revision, select, none {} other {（{revision}）}}',
  'cluster.argoCannotRender': 'Application {app} 无法生成 {where} 的清单：{said}',
  'cluster.argoCheckPath':
    '确认{path, select, none {路径} other {路径 {path}}}存在于 {repo, select, none {代码仓库} other {{repo}}} 的 {revision}',
  'cluster.argoCheckProject': '检查 AppProject {project}：它的 {repos}、{destinations} 和资源白名单',
  'cluster.argoCheckRevision':
    '确认 {field} {revision, select, none {} other {{revision} }}是 {repo, select, none {代码仓库} other {{repo}}} 的分支、标签或提交',
  'cluster.argoCheckCredentials': '检查 Argo CD 保存的 {repo, select, none {代码仓库} other {{repo}}} 凭据',
  'cluster.argoRenderLocally': '在本地生成 {where} 的清单（{commands}），并修正它显示的错误',
  'cluster.argoHookFailed': '{hook} 钩子 {kind} {name} 失败{message, select, none {} other {：{message}}}',
  'cluster.argoFixHook': '修正钩子 {kind} {name} 运行的内容（它的 Pod 日志会说明原因），再重新同步',
  'cluster.argoResourceHealth': '{kind} {name} 状态为 {status}{message, select, none {} other {：{message}}}',
  'cluster.argoDrifted': '有 {count} 个资源与 Git 不一致：{list}',
  'cluster.argoSyncStatus':
    '同步状态为 {status}{status, select, Unknown {：Argo CD 无法比对这个应用与 Git} other {}}',
  'cluster.argoDiff': '{command}，然后同步，或回退在 Git 之外做的变更',
  'cluster.argoSummary':
    'Argo CD Application {app} {state, select, failed {同步失败{revision, select, none {} other {（版本 {revision}）}}} degraded {在同步{revision, select, none {} other {版本 {revision} }}后状态为 {health}} other {状态为 {sync}}}{said, select, none {} other {：{said}}}{because, select, none {} other {，{because}}}。{fix, select, none {} other {修复方法：{fix}。}}',
  'cluster.argoStatus': '同步 {sync} · 健康 {health}{message, select, none {} other {：{message}}}',
  'cluster.argoSubject': '{subject}：{detail}',
  'cluster.argoNotFound': '在集群 {cluster} 上找不到 Application {app}',
  'cluster.argoUnreadable': '无法读取集群 {cluster} 上的 Application {app}（{reason}）',
  'cluster.argoFromNotification': '{why}：仅根据通知说明',
  'cluster.argoReportSummary': '{summary}{why, select, none {} other {（{why}；以上仅根据通知。）}}',
  'cluster.argoTrigger':
    '{trigger, select, failed {同步失败} unhealthy {应用 {health}} outOfSync {应用未同步} unknown {应用同步状态未知} other {通知}}',
  'cluster.argoNoDiagnosis':
    '无法诊断：{why}。Argo CD 报告 Application {app} {trigger}。{said, select, none {} other {Argo CD 的消息：{said}}}',
  'cluster.argoNothingToFix':
    'Argo CD Application {app} 目前没有需要修复的地方：同步 {sync}，健康 {health}{phase, select, none {} other {，上次操作 {phase}}}。{said, select, none {} other {Argo CD 的消息：{said}}}',
  'cluster.nodeNotReady':
    'Node {node} 未就绪（Ready={status}{reason, select, none {} other {，{reason}}}）{cordoned, select, yes {，且已禁止调度} other {}}{pods, plural, =0 {} other {；上面运行着 {workloads} 个工作负载的 {pods} 个 Pod}}。',
  'cluster.conditionSince': '{condition}={status}，自 {since} 起：{message}',
  'cluster.podsOnNode': '上面有 {pods} 个 Pod，属于 {workloads}',
  'cluster.checkKubelet': '检查节点上的 {kubelet} 和容器运行时',
  'cluster.nodePressure': 'Node {node} 报告 {conditions}；{kubelet} 会持续驱逐 Pod，直到节点恢复。',
  'cluster.newReplicaSet': '新的 ReplicaSet {rs}：{detail}',
  'cluster.newReplicaSetCannotCreate': '新的 ReplicaSet {rs} 无法创建 Pod：{message}',
  'cluster.rolloutStuck':
    '{deployment} 的滚动更新卡住了{rs, select, none {} other {，停在 ReplicaSet {rs}{image, select, none {} other {（{image}）}}}}{cause, select, none {} other {：{cause}}}。',
  'cluster.replicaCounts': '副本 {replicas}，已更新 {updated}，可用 {available}',
  'cluster.rollbackCommand': '{command}（回退到上一个正常的 ReplicaSet）',
  'cluster.workloadReady':
    '{workload} 只有 {ready}/{desired} 个副本就绪{stuck, select, none {} other {：{stuck}}}。',
  'cluster.desiredReady': '{kind} {name}：期望 {desired}，就绪 {ready}',
  'cluster.replicaHeld':
    '{pod} {held, select, none {未就绪} other {{held}}}{since, select, none {} other {（已持续 {since}）}}',
  'cluster.serviceNoEndpoints': '{service} 没有就绪的端点：{cause}。',
  'cluster.fixSelector': '修正 Service 的选择器或 Pod 模板的标签，使两者一致',
  'cluster.scaleIfRunning': '{command}（如果它应该在运行）',
  'cluster.serviceMissing': 'Service {service} 不存在',
  'cluster.serviceNoPort':
    'Service {service} 没有端口 {port}{ports, select, none {（它没有任何端口）} other {（它有 {ports}）}}',
  'cluster.backendNoEndpoints': 'Service {service} 没有就绪的端点：{cause}',
  'cluster.ingress503': '{ingress} 无法提供 {route}（503）：{cause}。',
  'cluster.ingressRule': '规则 {route} → Service {service}:{port}',
};
