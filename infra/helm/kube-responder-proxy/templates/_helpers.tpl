{{/* Names, labels and the RBAC rules rendered from the proxy policy. */}}

{{- define "krp.fullname" -}}
{{- if contains "kube-responder-proxy" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-kube-responder-proxy" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "krp.selectorLabels" -}}
app.kubernetes.io/name: kube-responder-proxy
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "krp.labels" -}}
{{ include "krp.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "krp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "krp.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create=false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "krp.secretName" -}}
{{- default (include "krp.fullname" .) .Values.hmac.existingSecret -}}
{{- end -}}

{{/*
RBAC rules from .Values.policy.rules: the same verbs, groups and resources, nothing more. Secrets for callers only
with rbac.secretKeyNames=true; list on secrets for the proxy's own masking with policy.secretValueMasking.enabled;
cluster-scoped kinds and nonResourceURLs only in the cluster-wide mode; create on events
for the audit Events (with the writes). Call with (dict "root" $ "clusterWide" true|false "part" P): P "all",
"reads" (rules without `write`, for a read-only ClusterRole) or "writes" (the write rules, for rbac.writeNamespaces).
*/}}
{{- define "krp.rbacRules" -}}
{{- $clusterScoped := list "nodes" "namespaces" "persistentvolumes" "storageclasses" "ingressclasses" -}}
{{- $part := .part | default "all" -}}
{{- range .root.Values.policy.rules }}
{{- if or (and .write (ne $part "reads")) (and (not .write) (ne $part "writes")) }}
{{- if .resources }}
{{- $resources := list }}
{{- range .resources }}
{{- if and (eq . "secrets") (not $.root.Values.rbac.secretKeyNames) }}
{{- else if and (has . $clusterScoped) (not $.clusterWide) }}
{{- else }}
{{- $resources = append $resources . }}
{{- end }}
{{- end }}
{{- if $resources }}
- apiGroups: {{ toJson .apiGroups }}
  resources: {{ toJson $resources }}
  verbs: {{ toJson .verbs }}
{{- end }}
{{- else if and .nonResourceURLs $.clusterWide }}
- nonResourceURLs: {{ toJson .nonResourceURLs }}
  verbs: {{ toJson .verbs }}
{{- end }}
{{- end }}
{{- end }}
{{- if and .root.Values.policy.secretValueMasking.enabled (ne $part "writes") }}
- apiGroups: [""] # the Secret values the proxy masks (policy.secretValueMasking)
  resources: ["secrets"]
  verbs: ["list"]
{{- end }}
{{- if and .root.Values.rbac.auditEvents (ne $part "reads") }}
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end }}
{{- end -}}
