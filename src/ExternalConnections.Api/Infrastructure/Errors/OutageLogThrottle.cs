namespace ExternalConnections.Api.Infrastructure.Errors;

/// <summary>
/// Keeps a database outage from writing one warning per request: the first failure is logged,
/// then at most one line per interval, which counts the failures it did not log.
/// </summary>
public sealed class OutageLogThrottle(TimeProvider timeProvider)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private DateTimeOffset nextLogAt = DateTimeOffset.MinValue;
    private int suppressed;

    /// <summary>Returns true when this failure should be logged, with how many were skipped since the last line.</summary>
    public bool TryEnter(out int skipped)
    {
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            if (now < nextLogAt)
            {
                suppressed++;
                skipped = 0;
                return false;
            }

            skipped = suppressed;
            suppressed = 0;
            nextLogAt = now + Interval;
            return true;
        }
    }
}
