using AssetService.Core.Common;

namespace AssetService.Core.Ingestion;

/// <summary>LocalHost's dev queue route answers what Service Bus would have done with the message: completed it...</summary>
public sealed record MessageCompleted(string Outcome)
{
    public static readonly MessageCompleted Answer = new("completed");

    public static readonly ResponseShape Shape = new(typeof(MessageCompleted), "MessageCompleted", "The message was stored (or changed nothing) and completed.")
    {
        [nameof(Outcome)] = Wire.Const(Answer.Outcome),
    };
}

/// <summary>... or dead-lettered it with a <c>DeadLetterReason</c>.</summary>
public sealed record MessageDeadLettered(string Outcome, string Reason, string Description)
{
    public const string DeadLettered = "dead-lettered";

    public static MessageDeadLettered Of(DeadLettered outcome) => new(DeadLettered, outcome.Reason, outcome.Description);

    public static readonly ResponseShape Shape = new(typeof(MessageDeadLettered), "MessageDeadLettered", "The message can never be stored and was dead-lettered.")
    {
        [nameof(Outcome)] = Wire.Const(DeadLettered),
        [nameof(Reason)] = Fields.OneOf(DeadLetterReasons.All).Schema.Described("The `DeadLetterReason`."),
        [nameof(Description)] = Wire.Text.Described("What is wrong with the message."),
    };
}
