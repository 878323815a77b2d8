using System.Globalization;
using System.Text;
using System.Text.Unicode;
using ExternalConnections.Api.Connections.Validation;
using ExternalConnections.Api.Infrastructure.Json;
using FluentValidation;
using Microsoft.AspNetCore.WebUtilities;

namespace ExternalConnections.Api.Connections.Listing;

/// <summary>
/// Checks every query parameter of a list request. Errors are keyed by the parameter name, as
/// the client spelled it, without an index for repeated values.
/// </summary>
public sealed class ListConnectionsQueryValidator : AbstractValidator<ListConnectionsQuery>
{
    private static readonly string AllowedParameters = string.Join(", ", ListConnectionsQuery.ParameterNames);

    public ListConnectionsQueryValidator()
    {
        RuleForEach(query => query.WorkspaceId).OverrideIndexer(NoIndex).ValidIdentifier();
        RuleForEach(query => query.OwningWorkspaceId).OverrideIndexer(NoIndex).ValidIdentifier();
        RuleForEach(query => query.OwningUserId).OverrideIndexer(NoIndex).ValidIdentifier();
        RuleForEach(query => query.ExternalPrincipalId).OverrideIndexer(NoIndex).ValidIdentifier();

        RuleForEach(query => query.Provider).OverrideIndexer(NoIndex).OneOf<ListConnectionsQuery, ConnectionProvider>();
        RuleForEach(query => query.ConnectionType).OverrideIndexer(NoIndex).OneOf<ListConnectionsQuery, ConnectionType>();
        RuleForEach(query => query.ConnectionStatus).OverrideIndexer(NoIndex).OneOf<ListConnectionsQuery, ConnectionStatus>();
        RuleForEach(query => query.VisibilityMode).OverrideIndexer(NoIndex).OneOf<ListConnectionsQuery, VisibilityMode>();
        RuleForEach(query => query.ConnectionRole).OverrideIndexer(NoIndex).OneOf<ListConnectionsQuery, ConnectionRole>();
        RuleForEach(query => query.AiAccessEnabled).OverrideIndexer(NoIndex)
            .Must(value => value is "true" or "false")
            .WithMessage("Expected true or false.");

        RuleFor(query => query.Sort)
            .Must(sort => sort is null || ConnectionSorts.TryParse(sort, out _))
            .WithMessage($"Expected one of: {string.Join(", ", ConnectionSorts.Names)}.");
        RuleFor(query => query.Limit)
            .Must(limit => limit is null || ListConnectionsCriteria.TryParseLimit(limit, out _))
            .WithMessage($"Expected a whole number from 1 to {ConnectionLimits.MaxPageSize}.");
        RuleFor(query => query.Cursor)
            .Must(cursor => cursor is null || ListCursor.TryDecode(cursor, out _))
            .WithMessage("Invalid cursor: pass the nextCursor of the previous page unchanged.")
            .Must(MatchSort)
            .WithMessage(query => $"The cursor belongs to another sort: repeat the request with the sort of the previous page, "
                + $"not {query.Sort ?? ConnectionSorts.ToName(ConnectionSorts.Default)}.");

        RuleFor(query => query.Request).Custom(RejectUnknownAndRepeatedParameters);
    }

    private static string NoIndex(ListConnectionsQuery query, IEnumerable<string> values, string value, int index) =>
        string.Empty;

    private static bool MatchSort(ListConnectionsQuery query, string? cursorText)
    {
        if (cursorText is null || !ListCursor.TryDecode(cursorText, out var cursor)
            || !ConnectionSorts.TryParse(query.Sort ?? ConnectionSorts.ToName(ConnectionSorts.Default), out var sort))
        {
            return true;
        }

        return cursor.Sort == sort;
    }

    /// <summary>
    /// Reads the raw query string, because <see cref="HttpRequest.Query"/> folds names that
    /// differ only in case into one key, and names here are case-sensitive.
    /// </summary>
    private static void RejectUnknownAndRepeatedParameters(
        HttpRequest request,
        ValidationContext<ListConnectionsQuery> context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in new QueryStringEnumerable(request.QueryString.Value))
        {
            var name = pair.DecodeName().ToString();
            if (!ListConnectionsQuery.ParameterNames.Contains(name))
            {
                // Like unknown body properties, at most a few are listed, so the response stays small.
                if (unknown.Add(name) && unknown.Count <= ConnectionFieldRules.MaxReportedUnknownProperties)
                {
                    context.AddFailure(name, $"Unknown query parameter. Names are case-sensitive; the allowed names are: {AllowedParameters}.");
                }

                continue;
            }

            if (!seen.Add(name) && (name is "sort" or "limit" or "cursor"))
            {
                context.AddFailure(name, "Give this parameter at most once.");
            }

            if (!DecodesToValidUtf8(pair.EncodedValue.Span))
            {
                context.AddFailure(name, "Invalid percent-encoding: the decoded bytes are not valid UTF-8.");
            }
        }

        if (unknown.Count > ConnectionFieldRules.MaxReportedUnknownProperties)
        {
            context.AddFailure("$query", $"{unknown.Count - ConnectionFieldRules.MaxReportedUnknownProperties} more unknown query parameters are not listed.");
        }
    }

    /// <summary>
    /// Whether a percent-encoded value decodes to valid UTF-8. ASP.NET Core decodes invalid bytes
    /// to U+FFFD, which would otherwise reach the filters as a value the client never sent.
    /// </summary>
    private static bool DecodesToValidUtf8(ReadOnlySpan<char> encoded)
    {
        if (!encoded.Contains('%'))
        {
            return true;
        }

        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(encoded.Length)];
        var count = 0;
        for (var index = 0; index < encoded.Length; index++)
        {
            if (encoded[index] == '%' && index + 2 < encoded.Length
                && byte.TryParse(encoded.Slice(index + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var decoded))
            {
                bytes[count++] = decoded;
                index += 2;
            }
            else
            {
                count += Encoding.UTF8.GetBytes(encoded.Slice(index, 1), bytes.AsSpan(count));
            }
        }

        return Utf8.IsValid(bytes.AsSpan(0, count));
    }
}

internal static class QueryValueRules
{
    public static IRuleBuilderOptions<T, string> OneOf<T, TEnum>(this IRuleBuilder<T, string> rule)
        where TEnum : struct, Enum =>
        rule
            .Must(value => SnakeCaseNames<TEnum>.TryParse(value, out _))
            .WithMessage($"Expected one of: {SnakeCaseNames<TEnum>.AllJoined}.");
}
