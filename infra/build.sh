#!/usr/bin/env bash
# Compiles and lints the Bicep templates in infra/ with a pinned Bicep CLI restored from NuGet
# (tools/bicep/Bicep.Tools.csproj), checks infra/main.parameters*.json against main.bicep and snapshots them and
# the deployments of infra/snapshots/*.bicepparam. Fails on any error or warning. Output (git-ignored),
# read by AssetService.Tests/Infra: infra/bin/main.json and infra/bin/snapshots/*.snapshot.json.
# Usage: infra/build.sh   (from any directory; needs the .NET SDK and access to NuGet)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
infra="$repo_root/infra"
tools_project="$repo_root/tools/bicep/Bicep.Tools.csproj"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "infra/build.sh: the pinned Bicep CLI package is linux-x64 only; run this on Linux x64 (or in CI)." >&2
  exit 1
fi

if ! restore_log="$(dotnet restore "$tools_project" --nologo -v quiet 2>&1)"; then
  echo "$restore_log" >&2
  echo "infra/build.sh: FAILED: could not restore the Bicep CLI ($tools_project)." >&2
  exit 1
fi
package_root="$(dotnet msbuild "$tools_project" -nologo -getProperty:NuGetPackageRoot)"
bicep_version="$(dotnet msbuild "$tools_project" -nologo -getProperty:BicepVersion)"
bicep="${package_root%/}/azure.bicep.commandline.linux-x64/$bicep_version/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "infra/build.sh: Bicep CLI not found at $bicep after restore." >&2
  exit 1
fi
[[ -x "$bicep" ]] || chmod u+x "$bicep"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
diagnostics="$work/diagnostics.txt"
: >"$diagnostics"

# Runs a bicep command; its diagnostics (printed on stderr) are collected, and a non-zero exit fails.
run_bicep() {
  local status=0
  "$bicep" "$@" 2>>"$diagnostics" >/dev/null || status=$?
  if [[ $status -ne 0 ]]; then
    cat "$diagnostics" >&2
    echo "infra/build.sh: FAILED: bicep $1 exited with $status." >&2
    exit 1
  fi
}

mkdir -p "$infra/bin"
run_bicep build "$infra/main.bicep" --outfile "$infra/bin/main.json"
run_bicep lint "$infra/main.bicep"
module_count=0
for module in "$infra"/modules/*.bicep; do
  run_bicep lint "$module"
  module_count=$((module_count + 1))
done

# A JSON parameters file is not checked by 'bicep build': turn each (main.parameters.json for dev,
# main.parameters.prod.json for production) into a .bicepparam bound to main.bicep and build that, which
# reports unknown parameters, missing required ones and bad values; then snapshot what it would deploy
# (infra/bin/snapshots/<file name without .json>.snapshot.json) for the template tests.
mkdir -p "$infra/bin/snapshots"
parameter_files=0
for file in "$infra"/main.parameters*.json; do
  stem="$(basename "${file%.json}")"
  # (decompile-params always prints a best-effort disclaimer on stderr, so its output is discarded.)
  "$bicep" decompile-params "$file" --bicep-file "$infra/main.bicep" --outfile "$work/$stem.bicepparam" >/dev/null 2>&1 \
    || { echo "infra/build.sh: FAILED: could not read $file." >&2; exit 1; }
  run_bicep build-params "$work/$stem.bicepparam" --outfile "$work/$stem.built.json"
  run_bicep snapshot "$work/$stem.bicepparam" --mode overwrite --deployment-name main --location westeurope \
    --tenant-id 00000000-0000-0000-0000-00000000000b --subscription-id 00000000-0000-0000-0000-00000000000a \
    --resource-group rg-snapshot
  mv "$work/$stem.snapshot.json" "$infra/bin/snapshots/"
  parameter_files=$((parameter_files + 1))
done

# What ARM would deploy for the sample deployments in infra/snapshots/ (conditions, loops and module
# outputs evaluated offline with these fixed ids): infra/bin/snapshots/<name>.snapshot.json.
snapshot_count=0
for parameters in "$infra"/snapshots/*.bicepparam; do
  snapshot="${parameters%.bicepparam}.snapshot.json"
  rm -f "$snapshot"
  run_bicep snapshot "$parameters" --mode overwrite --deployment-name main --location westeurope \
    --tenant-id 00000000-0000-0000-0000-00000000000b --subscription-id 00000000-0000-0000-0000-00000000000a \
    --resource-group rg-snapshot
  mv "$snapshot" "$infra/bin/snapshots/"
  snapshot_count=$((snapshot_count + 1))
done

# The same diagnostic can be reported by several commands: show each once.
if grep -Eq '(Warning|Error) [A-Za-z0-9-]+:' "$diagnostics"; then
  sort -u "$diagnostics" >"$diagnostics.unique" && mv "$diagnostics.unique" "$diagnostics"
  cat "$diagnostics" >&2
  warnings=$(grep -Ec ' : Warning ' "$diagnostics" || true)
  errors=$(grep -Ec ' : Error ' "$diagnostics" || true)
  echo "infra/build.sh: FAILED: $errors error(s), $warnings warning(s); warnings are not allowed." >&2
  exit 1
fi
if [[ -s "$diagnostics" ]]; then
  cat "$diagnostics" >&2
  echo "infra/build.sh: FAILED: unexpected output from bicep (see above)." >&2
  exit 1
fi

echo "infra/build.sh: OK: Bicep $bicep_version compiled infra/main.bicep to infra/bin/main.json; linted main.bicep and $module_count modules; $parameter_files parameters files (main.parameters*.json) match and are snapshotted; $snapshot_count deployment snapshots in infra/bin/snapshots; 0 errors, 0 warnings."
