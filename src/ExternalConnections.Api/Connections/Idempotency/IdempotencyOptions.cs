using System.ComponentModel.DataAnnotations;

namespace ExternalConnections.Api.Connections.Idempotency;

/// <summary>Settings of the <c>Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a key is remembered after its first use.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired keys are deleted from the table.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
