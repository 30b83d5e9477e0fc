{{- define "shipshape.name" -}}{{ .Chart.Name }}{{- end -}}
{{- define "shipshape.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}
{{- define "shipshape.labels" -}}
app.kubernetes.io/name: {{ include "shipshape.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}
{{- define "shipshape.selector" -}}
app.kubernetes.io/name: {{ include "shipshape.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "shipshape.serviceAccount" -}}
{{- if .Values.serviceAccount.create -}}{{ default (include "shipshape.fullname" .) .Values.serviceAccount.name }}{{- else -}}{{ default "default" .Values.serviceAccount.name }}{{- end -}}
{{- end -}}
{{- define "shipshape.image" -}}
{{- if .Values.image.digest -}}{{ .Values.image.repository }}@{{ .Values.image.digest }}{{- else -}}{{ .Values.image.repository }}:{{ default .Chart.AppVersion .Values.image.tag }}{{- end -}}
{{- end -}}
{{- define "shipshape.tokenSecret" -}}
{{- default (printf "%s-http" (include "shipshape.fullname" .)) .Values.http.tokenSecret -}}
{{- end -}}
