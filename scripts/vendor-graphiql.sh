#!/usr/bin/env bash
# Refreshes the GraphiQL assets embedded in the binary (internal/graphiql/
# assets) from the npm registry, at the pinned versions below, with their
# licences. The files are committed: building Firebreak needs no network and
# GraphiQL needs none at run time (air-gapped installs, strict CSP).
set -euo pipefail
cd "$(dirname "$0")/.."

GRAPHIQL=4.1.2
REACT=18.2.0

dest=internal/graphiql/assets
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "graphiql@$GRAPHIQL" "react@$REACT" "react-dom@$REACT" >/dev/null)
for pkg in "graphiql-$GRAPHIQL" "react-$REACT" "react-dom-$REACT"; do
	mkdir -p "$work/$pkg" && tar xzf "$work/$pkg.tgz" -C "$work/$pkg"
done
cp "$work/graphiql-$GRAPHIQL/package/graphiql.min.js" "$work/graphiql-$GRAPHIQL/package/graphiql.min.css" "$dest/"
cp "$work/react-$REACT/package/umd/react.production.min.js" "$dest/"
cp "$work/react-dom-$REACT/package/umd/react-dom.production.min.js" "$dest/"
cp "$work/graphiql-$GRAPHIQL/package/LICENSE" "$dest/LICENSE.graphiql"
cp "$work/react-$REACT/package/LICENSE" "$dest/LICENSE.react"
cp "$work/react-dom-$REACT/package/LICENSE" "$dest/LICENSE.react-dom"
printf 'graphiql %s\nreact %s\nreact-dom %s\n' "$GRAPHIQL" "$REACT" "$REACT" > "$dest/VERSIONS"
(cd "$dest" && sha256sum graphiql.min.js graphiql.min.css react.production.min.js react-dom.production.min.js >> VERSIONS)
echo "GraphiQL $GRAPHIQL and React $REACT in $dest"
