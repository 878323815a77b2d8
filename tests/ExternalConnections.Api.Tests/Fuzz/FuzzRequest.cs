using System.Text;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>
/// One generated HTTP request, kept as raw bytes, that prints itself as a curl command for the
/// service that <c>scripts/run.sh</c> starts on port 8080.
/// </summary>
/// <remarks>
/// <c>{id}</c> in <see cref="Target"/> stands for the id of a record that the case created
/// first; the curl command writes it as <c>$ID</c>.
/// </remarks>
public sealed record FuzzRequest(HttpMethod Method, string Target, byte[]? Body = null, string? ContentType = null)
{
    private const int MaxPrintedBodyBytes = 256 * 1024;

    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public static FuzzRequest Json(HttpMethod method, string target, string json, string contentType = "application/json") =>
        new(method, target, Encoding.UTF8.GetBytes(json), contentType);

    public HttpRequestMessage ToMessage(string? id)
    {
        var message = new HttpRequestMessage(Method, Target.Replace("{id}", id, StringComparison.Ordinal));
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            // Kestrel responds 413 and closes the connection without reading a body over its limit,
            // which breaks the pipe under a client still sending. With 100-continue the client waits
            // for the response first, as curl does for large bodies.
            message.Headers.ExpectContinue = Body.Length > BodyCase.MaxBytes;
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    /// <summary>Writes the request as a shell command; a long or binary body is piped in through base64.</summary>
    public string ToCurl()
    {
        var url = "\"$BASE" + Target.Replace("{id}", "$ID", StringComparison.Ordinal).Replace("\"", "%22", StringComparison.Ordinal) + "\"";
        var command = new StringBuilder($"curl -sS -i -X {Method.Method} {url}");
        if (Body is not null && ContentType is not null)
        {
            command.Append(" -H ").Append(ShellQuote("Content-Type: " + ContentType));
        }

        foreach (var (name, value) in Headers)
        {
            command.Append(" -H ").Append(ShellQuote($"{name}: {value}"));
        }

        if (Body is null)
        {
            return command.ToString();
        }

        if (Body.Length > MaxPrintedBodyBytes)
        {
            return $"{command} --data-binary @body.bin   # body of {Body.Length:N0} bytes not printed; it starts with "
                + ShellQuote(Encoding.UTF8.GetString(Body, 0, 200));
        }

        if (IsPrintable(Body))
        {
            return $"{command} --data-binary {ShellQuote(Encoding.UTF8.GetString(Body))}";
        }

        return $"printf %s {Convert.ToBase64String(Body)} | base64 -d | {command} --data-binary @-";
    }

    /// <summary>Valid UTF-8 without control characters other than tab and line breaks, so a shell string can carry it.</summary>
    private static bool IsPrintable(byte[] body)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        return body.Length <= 16 * 1024
            && !text.Any(character => char.IsControl(character) && character is not ('\n' or '\t' or '\r'));
    }

    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>A generated case: requests sent in order, the first of which may create the record that later ones name as <c>{id}</c>.</summary>
public static class FuzzReplay
{
    public static string Script(params FuzzRequest[] requests)
    {
        var builder = new StringBuilder();
        builder.AppendLine("Replay against a running service (scripts/run.sh):");
        builder.AppendLine("BASE=http://localhost:8080");
        foreach (var request in requests)
        {
            builder.AppendLine(request.ToCurl());
        }

        return builder.ToString();
    }

    /// <summary>The create that makes <c>$ID</c> for the requests after it.</summary>
    public static string CreateThenScript(FuzzRequest create, params FuzzRequest[] requests)
    {
        var builder = new StringBuilder();
        builder.AppendLine("Replay against a running service (scripts/run.sh):");
        builder.AppendLine("BASE=http://localhost:8080");
        builder.AppendLine($"ID=$({create.ToCurl().Replace(" -i ", " ", StringComparison.Ordinal)} | sed -E 's/.*\"id\":\"([^\"]+)\".*/\\1/')");
        foreach (var request in requests)
        {
            builder.AppendLine(request.ToCurl());
        }

        return builder.ToString();
    }
}
