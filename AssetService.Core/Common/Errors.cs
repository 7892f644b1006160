namespace AssetService.Core.Common;

/// <summary>An error the client caused or can act on; the HTTP layer maps each kind to one status code.</summary>
public abstract class ApiException(string detail) : Exception(detail);

public sealed class NotFoundException(string detail) : ApiException(detail);

public sealed class ConflictException(string detail) : ApiException(detail);

public sealed class PayloadTooLargeException(string detail) : ApiException(detail);

public sealed class RequestValidationException(IReadOnlyList<ValidationError> errors)
    : ApiException($"{errors.Count} validation error(s)")
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    public static RequestValidationException Single(string type, Loc loc, string msg) =>
        new([new ValidationError(type, loc.Parts, msg)]);
}

/// <summary>One FastAPI-style problem: <c>{"type", "loc", "msg"}</c>.</summary>
public sealed record ValidationError(string Type, IReadOnlyList<object> Loc, string Msg);
