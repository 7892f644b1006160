namespace AssetService.Core.Database;

/// <summary>
/// Whether the schema may be assumed migrated. The Functions app assumes it (migrations are a
/// deployment step, run by an administrator); LocalHost marks it once its start-up migration ran.
/// Until then health says degraded and LocalHost answers 503.
/// </summary>
public sealed class SchemaState(bool ready)
{
    private volatile bool ready = ready;

    public bool IsReady => ready;

    public void MarkReady() => ready = true;
}
