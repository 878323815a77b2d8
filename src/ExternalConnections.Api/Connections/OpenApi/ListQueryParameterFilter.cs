using System.Text.Json.Nodes;
using ExternalConnections.Api.Connections.Listing;
using ExternalConnections.Api.Infrastructure.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ExternalConnections.Api.Connections.OpenApi;

/// <summary>
/// Documents the list parameters with the values the validator accepts. They bind as strings,
/// so that a bad value gets an error naming the parameter, which hides their real types.
/// </summary>
public sealed class ListQueryParameterFilter : IOperationFilter
{
    private static readonly Dictionary<string, IReadOnlyList<string>> AllowedValues = new(StringComparer.Ordinal)
    {
        ["provider"] = SnakeCaseNames<ConnectionProvider>.All,
        ["connectionType"] = SnakeCaseNames<ConnectionType>.All,
        ["connectionStatus"] = SnakeCaseNames<ConnectionStatus>.All,
        ["visibilityMode"] = SnakeCaseNames<VisibilityMode>.All,
        ["connectionRole"] = SnakeCaseNames<ConnectionRole>.All,
        ["aiAccessEnabled"] = ["true", "false"],
        ["sort"] = [.. ConnectionSorts.Names],
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId != "ListConnections" || operation.Parameters is null)
        {
            return;
        }

        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.Schema is not OpenApiSchema schema || parameter.Name is null)
            {
                continue;
            }

            var valueSchema = schema.Items as OpenApiSchema ?? schema;
            if (AllowedValues.TryGetValue(parameter.Name, out var values))
            {
                valueSchema.Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))];
            }

            switch (parameter.Name)
            {
                case "sort":
                    schema.Default = JsonValue.Create(ConnectionSorts.ToName(ConnectionSorts.Default));
                    break;
                case "limit":
                    schema.Type = JsonSchemaType.Integer;
                    schema.Format = "int32";
                    schema.Minimum = "1";
                    schema.Maximum = ConnectionLimits.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    schema.Default = JsonValue.Create(ConnectionLimits.DefaultPageSize);
                    break;
                case "workspaceId" or "owningWorkspaceId" or "owningUserId" or "externalPrincipalId":
                    valueSchema.MinLength = 1;
                    valueSchema.MaxLength = ConnectionLimits.IdentifierMaxLength;
                    break;
            }
        }
    }
}
