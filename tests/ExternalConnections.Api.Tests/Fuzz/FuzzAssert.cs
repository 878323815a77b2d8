using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ExternalConnections.Api.Tests.Infrastructure;
using Xunit.Sdk;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>A response read whole, so checks can quote it in their failure messages.</summary>
public sealed record FuzzResponse(HttpStatusCode Status, string? MediaType, string Text, HttpResponseMessage Message)
{
    public int Code => (int)Status;

    public static async Task<FuzzResponse> SendAsync(HttpClient client, FuzzRequest request, string? id = null)
    {
        using var message = request.ToMessage(id);
        var response = await client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return new FuzzResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, response);
    }

    public JsonElement Json() => JsonElement.Parse(Text);

    public override string ToString() =>
        $"{Code} {MediaType}: {(Text.Length > 2_000 ? Text[..2_000] + "..." : Text)}";
}

/// <summary>The checks every generated case shares: no 5xx, problem details on 4xx, exact round trips on 2xx.</summary>
public static partial class FuzzAssert
{
    /// <summary>The JSON names of a stored record, in response order.</summary>
    public static readonly string[] RecordNames =
        ["id", "createdAt", "updatedAt", .. FieldSpec.CreateFields.Select(field => field.Name)];

    public static void Fail(string message) => throw new XunitException(message);

    public static void True(bool condition, string message)
    {
        if (!condition)
        {
            Fail(message);
        }
    }

    public static void NoServerError(FuzzResponse response) =>
        True(response.Code < 500, $"Expected no 5xx, got {response}");

    /// <summary>
    /// Checks a 4xx: application/problem+json with type, title, status, detail and traceId, and
    /// for a 400 at least one key in errors. Returns the error keys.
    /// </summary>
    public static IReadOnlyList<string> Problem(FuzzResponse response)
    {
        NoServerError(response);
        True(response.Code is >= 400 and < 500, $"Expected a 4xx problem, got {response}");
        True(response.MediaType == "application/problem+json", $"Expected application/problem+json, got {response}");

        JsonElement problem;
        try
        {
            problem = response.Json();
        }
        catch (JsonException exception)
        {
            Fail($"Problem body is not JSON ({exception.Message}): {response}");
            throw;
        }

        True(problem.ValueKind == JsonValueKind.Object, $"Problem is not a JSON object: {response}");
        True(problem.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number && status.GetInt32() == response.Code,
            $"Problem status does not equal the HTTP status: {response}");
        foreach (var name in new[] { "type", "title", "detail", "traceId" })
        {
            True(problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0,
                $"Problem has no non-empty '{name}': {response}");
        }

        var keys = problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().Select(error => error.Name).ToList()
            : [];
        if (response.Status == HttpStatusCode.BadRequest)
        {
            True(keys.Count > 0, $"A 400 names no field or parameter in errors: {response}");
            foreach (var error in errors.EnumerateObject())
            {
                True(error.Value.ValueKind == JsonValueKind.Array && error.Value.GetArrayLength() > 0
                        && error.Value.EnumerateArray().All(message => message.ValueKind == JsonValueKind.String && message.GetString()!.Length > 0),
                    $"errors['{error.Name}'] is not a list of messages: {response}");
            }
        }

        return keys;
    }

    /// <summary>A 400 whose every error key is one the request could cause.</summary>
    public static void Rejected(FuzzResponse response, IReadOnlyCollection<ErrorKey> allowed)
    {
        True(response.Status == HttpStatusCode.BadRequest, $"Expected 400 naming one of [{string.Join(", ", allowed)}], got {response}");
        foreach (var key in Problem(response))
        {
            True(allowed.Any(candidate => candidate.Matches(key)),
                $"The 400 names '{key}', which the request gives no reason to reject; expected one of [{string.Join(", ", allowed)}]. Got {response}");
        }
    }

    /// <summary>
    /// Checks a stored record against the expected field values (compared as JSON), with an id that
    /// is a version 7 UUID and timestamps in UTC with six fraction digits.
    /// </summary>
    public static JsonElement Record(FuzzResponse response, IReadOnlyDictionary<string, string> expected)
    {
        True(response.MediaType == "application/json", $"Expected application/json, got {response}");
        var record = response.Json();
        var names = record.EnumerateObject().Select(property => property.Name).ToArray();
        True(names.SequenceEqual(RecordNames, StringComparer.Ordinal),
            $"Expected the properties [{string.Join(", ", RecordNames)}], got [{string.Join(", ", names)}]");
        True(Guid.TryParse(record.GetProperty("id").GetString(), out var id) && id.Version == 7, $"id is not a version 7 UUID: {response}");
        foreach (var name in new[] { "createdAt", "updatedAt" })
        {
            True(UtcMicroseconds().IsMatch(record.GetProperty(name).GetString() ?? string.Empty), $"{name} is not UTC with six fraction digits: {response}");
        }

        foreach (var (name, json) in expected)
        {
            var actual = record.GetProperty(name);
            True(JsonElement.DeepEquals(JsonElement.Parse(json), actual),
                $"{name}: expected {Shorten(json)}, got {Shorten(actual.GetRawText())}");
        }

        return record;
    }

    /// <summary>A later GET returns the write's response byte for byte, with the same ETag.</summary>
    public static async Task ReadsBackAsync(HttpClient client, FuzzResponse written)
    {
        var id = written.Json().Id();
        using var get = await client.GetConnectionAsync(id);
        var text = await get.Content.ReadAsStringAsync();
        True(get.StatusCode == HttpStatusCode.OK, $"GET after the write returned {(int)get.StatusCode}: {text}");
        True(text == written.Text, $"GET differs from the write's response.\nwrite: {Shorten(written.Text)}\nGET:   {Shorten(text)}");
        True(Equals(get.Headers.ETag, written.Message.Headers.ETag), $"GET ETag {get.Headers.ETag} differs from the write's {written.Message.Headers.ETag}");
    }

    public static string Shorten(string text) => text.Length > 600 ? text[..600] + $"... ({text.Length:N0} characters)" : text;

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{6}Z$")]
    private static partial Regex UtcMicroseconds();
}
