{{- define "firebreak.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "firebreak.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "firebreak.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "firebreak.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "firebreak.secretName" -}}
{{- .Values.secrets.existingSecret | default (include "firebreak.fullname" .) -}}
{{- end -}}

{{/* The settings every process reads: plain ones, then the secret ones. */}}
{{- define "firebreak.env" -}}
{{- range $name, $value := .Values.env }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- range $name := list "DATABASE_URL" "REDIS_URL" "FIREBREAK_SESSION_SECRET" }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "firebreak.secretName" $ }}
      key: {{ $name }}
{{- end }}
{{- range $name := list "FIREBREAK_DATABASE_READ_URL" "FIREBREAK_SLACK_BOT_TOKEN" "FIREBREAK_SLACK_SIGNING_SECRET" "FIREBREAK_SMTP_URL" }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "firebreak.secretName" $ }}
      key: {{ $name }}
      optional: true
{{- end }}
{{- end -}}
