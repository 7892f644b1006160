using System.Text.Json.Nodes;
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

/// <summary>The body of every error other than 422.</summary>
public sealed record ErrorDetail(string Detail)
{
    public static readonly ResponseShape Shape = new(typeof(ErrorDetail), "ErrorDetail",
        "The body of every error other than 422: 401, 404, 409, 413 and 503.")
    {
        Example = JsonNode.Parse("{\"detail\": \"Asset DE_50HZ_WU_9 not found\"}"),
        [nameof(Detail)] = Wire.ErrorMessage.Described("One sentence saying what went wrong."),
    };
}

/// <summary>The 422 body: every problem of the request.</summary>
public sealed record ValidationErrors(IReadOnlyList<ValidationError> Detail)
{
    public static readonly ResponseShape Shape = new(typeof(ValidationErrors), "HTTPValidationError",
        "The 422 body (FastAPI style): every problem of the request at once.")
    {
        Example = JsonNode.Parse("{\"detail\": [{\"type\": \"missing\", \"loc\": [\"body\", \"name\"], \"msg\": \"Field required\"}, {\"type\": \"enum\", \"loc\": [\"body\", \"region\"], \"msg\": \"Input should be 'DE' or 'PL'\"}]}"),
        [nameof(Detail)] = Wire.ListOf(ValidationError.Shape.Schema, minItems: 1)
            .Described("Every problem found in the request, not just the first."),
    };
}

/// <summary>One FastAPI-style problem: <c>{"type", "loc", "msg"}</c>.</summary>
public sealed record ValidationError(string Type, IReadOnlyList<object> Loc, string Msg)
{
    public static readonly ResponseShape Shape = new(typeof(ValidationError), "ValidationError", "One problem of a request.")
    {
        [nameof(Type)] = Wire.Text
            .Described("Machine-readable kind, as pydantic v2 names it: `missing`, `extra_forbidden`, `enum`, `string_type`, `timezone_aware`, `json_invalid`, `value_error`, ..."),
        [nameof(Loc)] = Wire.ListOf(Wire.LocStep, minItems: 1)
            .Described("Where the problem is: `body`, `query` or `path` first, then field names and list positions, e.g. `[\"body\", \"limits\", 3, \"power_charge\"]`."),
        [nameof(Msg)] = Wire.Text.Described("A human-readable sentence."),
    };
}
