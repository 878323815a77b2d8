using System.Globalization;
using System.Text;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>
/// Writes JSON text by hand, so that generated bodies can hold what serializers never write:
/// escaped property names, unpaired surrogate escapes, mixed-case hex, odd whitespace and
/// duplicate properties. Every choice comes from the <see cref="Random"/> passed in, so one
/// seed always gives the same bytes.
/// </summary>
public static class RawJson
{
    /// <summary>
    /// Writes a JSON string, escaping a random share of its characters: <paramref name="escapeRate"/>
    /// is the chance from 0 to 1 that a character which may appear raw is escaped anyway.
    /// </summary>
    public static string Quote(string value, Random random, double escapeRate)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        for (var index = 0; index < value.Length; index++)
        {
            var character = value[index];
            if (char.IsHighSurrogate(character) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                // A surrogate pair goes out either raw (as one UTF-8 sequence) or as two escapes.
                if (random.NextDouble() < escapeRate)
                {
                    AppendEscape(builder, character, random);
                    AppendEscape(builder, value[index + 1], random);
                }
                else
                {
                    builder.Append(character).Append(value[index + 1]);
                }

                index++;
                continue;
            }

            AppendCharacter(builder, character, random, escapeRate);
        }

        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>Returns JSON whitespace: usually none, sometimes spaces, tabs or line breaks.</summary>
    public static string Space(Random random) =>
        random.Next(8) switch
        {
            0 => " ",
            1 => "\n  ",
            2 => "\t",
            3 => "\r\n",
            _ => string.Empty,
        };

    /// <summary>Writes an object from members that are already JSON text, in the order given.</summary>
    public static string WriteObject(IEnumerable<(string Name, string Value)> members, Random random)
    {
        var builder = new StringBuilder();
        builder.Append('{');
        var first = true;
        foreach (var (name, value) in members)
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            builder.Append(Space(random)).Append(name).Append(Space(random)).Append(':').Append(Space(random)).Append(value);
        }

        builder.Append(Space(random)).Append('}');
        return builder.ToString();
    }

    /// <summary>Writes an array from items that are already JSON text.</summary>
    public static string WriteArray(IEnumerable<string> items, Random random) =>
        "[" + string.Join(",", items.Select(item => Space(random) + item)) + Space(random) + "]";

    private static void AppendCharacter(StringBuilder builder, char character, Random random, double escapeRate)
    {
        var escape = random.NextDouble() < escapeRate;
        switch (character)
        {
            case '"':
                builder.Append(escape ? EscapeText(character, random) : "\\\"");
                return;
            case '\\':
                builder.Append(escape ? EscapeText(character, random) : "\\\\");
                return;
            case '/' when escape:
                builder.Append(random.Next(2) == 0 ? "\\/" : EscapeText(character, random));
                return;
        }

        if (character < ' ')
        {
            var shortEscape = character switch
            {
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => null,
            };
            builder.Append(shortEscape is not null && !escape ? shortEscape : EscapeText(character, random));
            return;
        }

        if (char.IsSurrogate(character) || escape)
        {
            // An unpaired surrogate cannot be written as UTF-8, so it only exists as an escape.
            AppendEscape(builder, character, random);
            return;
        }

        builder.Append(character);
    }

    private static void AppendEscape(StringBuilder builder, char character, Random random) =>
        builder.Append(EscapeText(character, random));

    private static string EscapeText(char character, Random random) =>
        "\\u" + ((int)character).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture);
}
