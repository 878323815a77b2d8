using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Infrastructure.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ExternalConnections.Api.Connections.OpenApi;

/// <summary>
/// Puts the field limits of <see cref="ConnectionLimits"/> into the request schemas, describes
/// <c>configurationJson</c> as an object, and marks every response field as always present.
/// </summary>
public sealed class ConnectionSchemaFilter : ISchemaFilter
{
    private static readonly Dictionary<string, int> MaxLengths = new(StringComparer.Ordinal)
    {
        ["workspaceId"] = ConnectionLimits.IdentifierMaxLength,
        ["owningWorkspaceId"] = ConnectionLimits.IdentifierMaxLength,
        ["owningUserId"] = ConnectionLimits.IdentifierMaxLength,
        ["externalPrincipalId"] = ConnectionLimits.IdentifierMaxLength,
        ["externalSub"] = ConnectionLimits.IdentifierMaxLength,
        ["label"] = ConnectionLimits.LabelMaxLength,
        ["encryptedCredentialsRef"] = ConnectionLimits.CredentialsRefMaxLength,
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema objectSchema || objectSchema.Properties is null)
        {
            return;
        }

        if (context.Type == typeof(CreateConnectionRequest) || context.Type == typeof(UpdateConnectionRequest))
        {
            ApplyFieldLimits(objectSchema.Properties);
        }

        if (context.Type == typeof(CreateConnectionRequest))
        {
            SetDefault(objectSchema.Properties, "connectionStatus", SnakeCaseNames<ConnectionStatus>.ToName(ConnectionStatus.Active));
            SetDefault(objectSchema.Properties, "connectionRole", SnakeCaseNames<ConnectionRole>.ToName(ConnectionRole.Personal));
            SetDefault(objectSchema.Properties, "aiAccessEnabled", false);
        }

        if (context.Type == typeof(ConnectionResponse) || context.Type == typeof(ConnectionPage))
        {
            objectSchema.Required = new HashSet<string>(objectSchema.Properties.Keys, StringComparer.Ordinal);
            MarkNeverNull(objectSchema.Properties, context.Type);
        }

        if (objectSchema.Properties.TryGetValue("configurationJson", out var configuration) && configuration is OpenApiSchema configurationSchema)
        {
            configurationSchema.Type = JsonSchemaType.Object | JsonSchemaType.Null;
            configurationSchema.AdditionalPropertiesAllowed = true;
        }

        if (objectSchema.Properties.TryGetValue("lastSyncAt", out var lastSyncAt) && lastSyncAt is OpenApiSchema lastSyncAtSchema)
        {
            lastSyncAtSchema.Example = JsonValue.Create("2024-05-01T12:30:00.000000Z");
        }
    }

    /// <summary>
    /// Clears the null type of each property that the response type declares non-nullable, such
    /// as <c>workspaceId</c> and <c>items</c>: the generated schema marked them nullable.
    /// </summary>
    private static void MarkNeverNull(IDictionary<string, IOpenApiSchema> properties, Type type)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var property in type.GetProperties())
        {
            if (properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var schema)
                && schema is OpenApiSchema { Type: { } schemaType } propertySchema
                && nullability.Create(property).ReadState == NullabilityState.NotNull)
            {
                propertySchema.Type = schemaType & ~JsonSchemaType.Null;
            }
        }
    }

    private static void SetDefault<T>(IDictionary<string, IOpenApiSchema> properties, string name, T value)
    {
        if (properties.TryGetValue(name, out var property) && property is OpenApiSchema schema)
        {
            schema.Default = JsonValue.Create(value);
        }
    }

    private static void ApplyFieldLimits(IDictionary<string, IOpenApiSchema> properties)
    {
        foreach (var (name, maxLength) in MaxLengths)
        {
            if (properties.TryGetValue(name, out var property) && property is OpenApiSchema text)
            {
                text.MinLength = 1;
                text.MaxLength = maxLength;
            }
        }

        if (properties.TryGetValue("scopesJson", out var scopes) && scopes is OpenApiSchema scopeList)
        {
            scopeList.MaxItems = ConnectionLimits.MaxScopes;
            if (scopeList.Items is OpenApiSchema scope)
            {
                scope.MinLength = 1;
                scope.MaxLength = ConnectionLimits.ScopeMaxLength;
            }
        }

        if (properties.TryGetValue("configurationJson", out var configuration) && configuration is OpenApiSchema configurationSchema)
        {
            configurationSchema.Description =
                $"A JSON object of at most {ConnectionLimits.ConfigurationMaxBytes:N0} bytes as compact UTF-8 JSON, nested at most "
                + $"{ConnectionLimits.ConfigurationMaxDepth} levels deep, without duplicate keys or NUL characters. "
                + "Stored as PostgreSQL jsonb, so responses may order keys differently and write numbers out in full (1e3 as 1000). Never logged.";
        }
    }
}
