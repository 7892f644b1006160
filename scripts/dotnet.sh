# Sourced by run.sh and test.sh. Restores the solution; when this machine's NuGet copy lacks the
# Service Bus worker extension, falls back to building without the Service Bus trigger, loudly.
dotnet_restore() {
  local root="$1"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  SERVICE_BUS_PROPERTY=""
  local log; log="$(mktemp)"
  if dotnet restore "$root/AssetService.sln" >"$log" 2>&1; then rm -f "$log"; return; fi
  if grep -q "Microsoft.Azure.Functions.Worker.Extensions.ServiceBus" "$log"; then
    cat >&2 <<'WARN'
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!! Microsoft.Azure.Functions.Worker.Extensions.ServiceBus cannot be restored on this machine.
!! Building with -p:ServiceBusTrigger=false: the Service Bus trigger functions are left out.
!! The ingestion logic in AssetService.Core is built and tested all the same.
!! A deployment must build with the package (the default, -p:ServiceBusTrigger=true).
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
WARN
    SERVICE_BUS_PROPERTY="-p:ServiceBusTrigger=false"
    rm -f "$log"
    dotnet restore "$root/AssetService.sln" $SERVICE_BUS_PROPERTY
    return
  fi
  cat "$log" >&2; rm -f "$log"
  return 1
}
