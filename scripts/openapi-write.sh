#!/usr/bin/env bash
# Rewrites AssetService.Functions/OpenApi/openapi.json from the code (ApiDocument.Build: openapi.source.json
# plus the request schemas of the binders). Commit the result; OpenApiGeneratedCopyTests fails until then.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/dotnet.sh"
dotnet_restore "$root" >/dev/null
dotnet build "$root/AssetService.Tests" --no-restore $SERVICE_BUS_PROPERTY -nologo -v quiet -clp:ErrorsOnly
ASSET_SERVICE_WRITE_OPENAPI=1 dotnet test "$root/AssetService.Tests" --no-build $SERVICE_BUS_PROPERTY -nologo \
  --filter "FullyQualifiedName~OpenApiGeneratedCopyTests" >/dev/null
echo ">> Wrote AssetService.Functions/OpenApi/openapi.json"
