using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace ExternalConnections.Api.Infrastructure.Logging;

/// <summary>
/// Rewrites the string properties of every log event for the text log: control characters, line
/// and paragraph separators and invisible format characters (such as right-to-left overrides)
/// become <c>\uXXXX</c>, and a backslash becomes <c>\\</c>. Properties carry client-supplied text,
/// such as a request path or a workspace id, which could otherwise start or disguise a forged
/// line. Escaping the backslash keeps a literal "\u000d" from passing for an escaped CR.
/// </summary>
/// <remarks>The JSON log format escapes these characters itself, so it does without this enricher.</remarks>
public sealed class TextLogEscaper : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? escaped = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && NeedsEscaping(text))
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

    // This runs for every property of every event, so printable ASCII, nearly all of the text,
    // is skipped with a vectorised search.
    private static bool NeedsEscaping(string text)
    {
        var rest = text.AsSpan();
        if (rest.Contains('\\'))
        {
            return true;
        }

        for (var index = rest.IndexOfAnyExceptInRange(' ', '~'); index >= 0; index = rest.IndexOfAnyExceptInRange(' ', '~'))
        {
            if (NeedsEscaping(rest[index]))
            {
                return true;
            }

            rest = rest[(index + 1)..];
        }

        return false;
    }

    private static bool NeedsEscaping(char character) =>
        character == '\\'
        || char.IsControl(character)
        || CharUnicodeInfo.GetUnicodeCategory(character)
            is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var character in text)
        {
            if (character == '\\')
            {
                escaped.Append(@"\\");
            }
            else if (NeedsEscaping(character))
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
