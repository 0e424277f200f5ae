#!/usr/bin/env bash
# Rewrites Sources/S2VGateway/OpenAPI/APIContract+Text.swift, the copy of openapi.json the binary serves. Run it
# after editing openapi.json, and commit both; APIContractDocumentTests fails until the two agree.
set -euo pipefail
cd "$(dirname "$0")/.."
S2V_UPDATE_OPENAPI=1 swift test --filter APIContractDocumentTests
echo "Sources/S2VGateway/OpenAPI/APIContract+Text.swift updated"
