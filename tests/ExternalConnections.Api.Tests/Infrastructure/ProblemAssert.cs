using System.Net;
using System.Text.Json;

namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>Checks that a response is an RFC 9457 problem with the fields every error carries.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(
            response.StatusCode == status,
            $"Expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        return problem;
    }

    /// <summary>A 400 whose errors name <paramref name="key"/> with a message containing <paramref name="messagePart"/>.</summary>
    public static async Task<JsonElement> IsValidationErrorAsync(HttpResponseMessage response, string key, string messagePart)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        var found = problem.ErrorsAt(key).Any(message => message.Contains(messagePart, StringComparison.Ordinal));
        Assert.True(found, $"Expected an error at '{key}' containing '{messagePart}', got: {problem}");
        return problem;
    }
}
