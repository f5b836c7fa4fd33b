#!/usr/bin/env bash
# The Helm chart (deploy/helm/firebreak): helm lint, then helm template with
# the default values and with every switch flipped, each rendering checked by
# deploy/helm/check against the Kubernetes API's own types; and the chart
# must refuse to render without the settings it requires. Helm comes from the
# Go module proxy at a pinned version (no other download).
set -euo pipefail
cd "$(dirname "$0")/.."
HELM_VERSION=v3.22.0
KUBE_VERSION=1.30.0
helm() { GOFLAGS= go run "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" "$@"; }
check() { (cd deploy/helm/check && GOFLAGS= go run .); }
chart=deploy/helm/firebreak
required=(--set secrets.databaseUrl=postgres://firebreak@db:5432/firebreak --set secrets.redisUrl=redis://redis:6379/0 --set secrets.sessionSecret=s3cret)

helm lint --strict "$chart" "${required[@]}"
echo "== defaults"
helm template fb "$chart" --kube-version "$KUBE_VERSION" "${required[@]}" | check
echo "== an existing Secret, fixed replicas, no PDB, no migrations hook, a ServiceMonitor"
helm template fb "$chart" --kube-version "$KUBE_VERSION" --set secrets.existingSecret=firebreak-settings \
	--set api.autoscaling.enabled=false --set api.podDisruptionBudget.enabled=false \
	--set migrations.enabled=false --set serviceMonitor.enabled=true \
	--set secrets.slackBotToken=xoxb-1 --set secrets.smtpUrl=smtp://mail:587 | check
echo "== the chart's own Secret with every optional setting"
helm template fb "$chart" --kube-version "$KUBE_VERSION" "${required[@]}" --set secrets.databaseReadUrl=postgres://r@replica/firebreak \
	--set secrets.slackBotToken=xoxb-1 --set secrets.slackSigningSecret=s --set secrets.smtpUrl=smtp://mail:587 | check
echo "== without DATABASE_URL it refuses to render"
if out=$(helm template fb "$chart" --kube-version "$KUBE_VERSION" --set secrets.redisUrl=redis://r:6379/0 --set secrets.sessionSecret=s 2>&1); then
	echo "rendered without secrets.databaseUrl"; exit 1
fi
grep -q "secrets.databaseUrl" <<<"$out" && echo "refused: $(grep -o 'secrets.databaseUrl[^"]*' <<<"$out" | head -1)"
