namespace AssetService.Core.Common;

/// <summary>Collects every problem of a request so that one 422 lists them all.</summary>
public sealed class Problems
{
    private readonly List<ValidationError> errors = [];

    public bool Any => errors.Count > 0;
    public int Count => errors.Count;

    public void Add(string type, Loc loc, string msg) => errors.Add(new ValidationError(type, loc.Parts, msg));

    public void ThrowIfAny()
    {
        if (errors.Count > 0) throw new RequestValidationException(errors.ToArray());
    }
}
