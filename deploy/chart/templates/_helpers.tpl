{{/* The one label every object carries, as in deploy/kubernetes. */}}
{{- define "palisade.labels" -}}
app.kubernetes.io/name: palisade
{{- end -}}

{{/* Refuses values that cannot work, naming the value. */}}
{{- define "palisade.validate" -}}
{{- if not (has .Values.mode (list "read-only" "impersonate" "token")) -}}
{{- fail (printf "mode must be read-only, impersonate or token (got %q)" .Values.mode) -}}
{{- end -}}
{{- if and (eq .Values.mode "impersonate") (empty .Values.trustedProxies) -}}
{{- fail "mode impersonate needs trustedProxies: the addresses of the authenticating proxy" -}}
{{- end -}}
{{- if not (has .Values.audit.store (list "cluster" "file")) -}}
{{- fail (printf "audit.store must be cluster or file (got %q)" .Values.audit.store) -}}
{{- end -}}
{{- end -}}
