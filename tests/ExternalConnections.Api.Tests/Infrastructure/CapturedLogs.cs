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

    public string Text => string.Join(Environment.NewLine, lines);
}
