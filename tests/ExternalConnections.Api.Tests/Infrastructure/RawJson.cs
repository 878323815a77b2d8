using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>
/// Builds request bodies as text, for what <see cref="JsonNode"/> cannot write: escapes such as
/// <c>\ud800</c>, duplicate names, exact number spellings and unescaped UTF-8.
/// </summary>
public static class RawJson
{
    /// <summary>
    /// Returns <paramref name="body"/> as JSON text with the member <paramref name="name"/> set to
    /// <paramref name="rawValue"/>, which is inserted unchanged. An existing member of that name is replaced.
    /// </summary>
    public static string WithMember(this JsonObject body, string name, string rawValue)
    {
        body.Remove(name);
        var text = body.ToJsonString();
        var separator = body.Count == 0 ? string.Empty : ",";
        return $"{text[..^1]}{separator}\"{name}\":{rawValue}}}";
    }

    /// <summary>
    /// Writes <paramref name="value"/> as a JSON string, escaping only what JSON requires, so
    /// non-ASCII text is sent as UTF-8 bytes and not as \u escapes.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var character in value)
        {
            switch (character)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(character);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Repeats <paramref name="text"/> <paramref name="count"/> times.</summary>
    public static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
