using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace ExternalConnections.Api.Infrastructure.Logging;

/// <summary>
/// Rewrites control characters in the string properties of every log event as <c>\uXXXX</c>.
/// Properties carry client-supplied text, such as a request path or a workspace id, and a CR or
/// LF in it would otherwise start a forged line in the text log.
/// </summary>
public sealed class ControlCharacterEscaper : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? escaped = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && HasControlCharacter(text))
            {
                (escaped ??= []).Add(new LogEventProperty(name, new ScalarValue(Escape(text))));
            }
        }

        // Properties cannot change while they are enumerated, so the rewrites are applied afterwards.
        foreach (var property in escaped ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    // The ranges of char.IsControl, searched vectorised: this runs for every property of every event.
    private static bool HasControlCharacter(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 || text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') >= 0;

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var character in text)
        {
            if (char.IsControl(character))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:x4}");
            }
            else
            {
                escaped.Append(character);
            }
        }

        return escaped.ToString();
    }
}
