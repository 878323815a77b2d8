using System.Globalization;
using System.Text;

namespace ExternalConnections.Api.Infrastructure.Logging;

/// <summary>Makes text from a request safe to write into a log line.</summary>
public static class LogText
{
    /// <summary>
    /// Returns client-supplied text (such as a decoded request path) with control characters
    /// written as <c>\uXXXX</c>, so a CR or LF in a request cannot start a forged line in a text log.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(char.IsControl))
        {
            return text ?? string.Empty;
        }

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
