{{/* Chart name, overridable. */}}
{{- define "corridor.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Name of the release's objects: the release name when it already holds the chart name
(corridor-blue), else release-chart. Truncated to 63 characters for DNS labels.
*/}}
{{- define "corridor.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "corridor.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels that select this release's pods: the app and the release. Every selector of the chart
(StatefulSet, Services, PodDisruptionBudget, topology spread) uses exactly these, so that two
releases side by side (blue and green) never count or select each other's pods.
*/}}
{{- define "corridor.selectorLabels" -}}
app.kubernetes.io/name: {{ include "corridor.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "corridor.labels" -}}
helm.sh/chart: {{ include "corridor.chart" . }}
{{ include "corridor.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: search
{{- end }}

{{- define "corridor.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/* Name of the Secret that holds the admin token, or "" when reload is off. */}}
{{- define "corridor.adminSecretName" -}}
{{- if .Values.admin.existingSecret }}
{{- .Values.admin.existingSecret }}
{{- else if .Values.admin.token }}
{{- printf "%s-admin" (include "corridor.fullname" .) }}
{{- end }}
{{- end }}

{{/* Heap in MiB: heapPercent of the memory limit. */}}
{{- define "corridor.heapMiB" -}}
{{- div (mul (int .Values.size.memoryMiB) (int .Values.size.heapPercent)) 100 }}
{{- end }}

{{/* Grace period: the pre-stop pause, the drain, and 5 s for the JVM to exit. */}}
{{- define "corridor.terminationGraceSeconds" -}}
{{- add (int .Values.server.preStopSleepSeconds) (int .Values.server.drainTimeoutSeconds) 5 }}
{{- end }}

{{/* Refuses value combinations that cannot work, each with a message that says what to change. */}}
{{- define "corridor.validate" -}}
{{- $source := .Values.snapshot.source }}
{{- if not (has $source (list "demo" "download" "sharedVolume")) }}
{{- fail (printf "snapshot.source must be \"demo\", \"download\" or \"sharedVolume\", not %q" $source) }}
{{- end }}
{{- if and (eq $source "download") (not .Values.snapshot.url) }}
{{- fail "snapshot.url is required with snapshot.source \"download\": the URL of the .corridx snapshot to fetch" }}
{{- end }}
{{- if and (eq $source "sharedVolume") (not .Values.snapshot.sharedVolume.claimName) }}
{{- fail "snapshot.sharedVolume.claimName is required with snapshot.source \"sharedVolume\"" }}
{{- end }}
{{- if not (regexMatch "^[A-Za-z0-9._-]+$" .Values.snapshot.file) }}
{{- fail (printf "snapshot.file must be a plain file name (letters, digits, . _ -), not %q" .Values.snapshot.file) }}
{{- end }}
{{- if and .Values.snapshot.sha256 (not (regexMatch "^[0-9a-fA-F]{64}$" .Values.snapshot.sha256)) }}
{{- fail "snapshot.sha256 must be 64 hexadecimal digits" }}
{{- end }}
{{- if or (lt (int .Values.size.heapPercent) 10) (gt (int .Values.size.heapPercent) 90) }}
{{- fail "size.heapPercent must lie between 10 and 90" }}
{{- end }}
{{- if lt (int .Values.size.memoryMiB) 256 }}
{{- fail "size.memoryMiB must be at least 256" }}
{{- end }}
{{- range $key := list "zone" "node" }}
{{- $c := index $.Values.topologySpread $key }}
{{- if not (has $c.whenUnsatisfiable (list "ScheduleAnyway" "DoNotSchedule")) }}
{{- fail (printf "topologySpread.%s.whenUnsatisfiable must be ScheduleAnyway or DoNotSchedule, not %q" $key $c.whenUnsatisfiable) }}
{{- end }}
{{- end }}
{{- if and .Values.topologySpread.enabled (eq .Values.topologySpread.zone.whenUnsatisfiable "DoNotSchedule") .Values.autoscaling.enabled (eq $source "download") (not .Values.topologySpread.volumesSpanZones) }}
{{- fail "topologySpread.zone.whenUnsatisfiable DoNotSchedule with autoscaling and per-pod zonal volumes leaves pods Pending after a scale-down and up (a retained volume pins its pod to a zone that may already have the most pods): use ScheduleAnyway, snapshot.source sharedVolume, or set topologySpread.volumesSpanZones if the storage class is regional" }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas" }}
{{- end }}
{{- end }}
