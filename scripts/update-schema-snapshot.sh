#!/usr/bin/env bash
# Rewrites sql/schema.sql from the migrations: applies them to a fresh embedded database and dumps the schema.
# Run it after adding a migration, and commit the result; SchemaSnapshotTests fails until the two agree.
set -euo pipefail
cd "$(dirname "$0")/.."
S2V_UPDATE_SCHEMA_SNAPSHOT=1 swift test --filter SchemaSnapshotTests
echo "sql/schema.sql updated"
