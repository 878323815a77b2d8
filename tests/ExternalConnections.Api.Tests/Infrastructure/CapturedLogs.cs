using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>
/// A Serilog sink that keeps every event the service logs, rendered as the JSON lines the
/// console would print, so tests can search the log output for values that must not be there.
/// </summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<string> lines = new();
    private readonly RenderedCompactJsonFormatter formatter = new();

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        formatter.Format(logEvent, writer);
        lines.Enqueue(writer.ToString());
    }

    public IReadOnlyList<string> Lines => [.. lines];

    /// <summary>
    /// Waits for a line that matches, because the request log line is written after the
    /// response has reached the client.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var line = lines.LastOrDefault(match);
            if (line is not null || DateTime.UtcNow > deadline)
            {
                return line ?? throw new TimeoutException($"No log line matched within 5 s. Lines:{Environment.NewLine}{Text}");
            }

            await Task.Delay(20);
        }
    }

    public string Text => string.Join(Environment.NewLine, lines);
}
