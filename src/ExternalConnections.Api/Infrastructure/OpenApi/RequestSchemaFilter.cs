using System.Reflection;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ExternalConnections.Api.Infrastructure.OpenApi;

/// <summary>
/// Makes request body schemas say what the service enforces: properties outside the schema are
/// rejected, members that a validator requires are required and not nullable, and a
/// merge-patch member may be null exactly when its value type is nullable.
/// </summary>
public sealed class RequestSchemaFilter(IServiceProvider services) : ISchemaFilter
{
    private static readonly NullabilityInfoContext Nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema objectSchema || !IsRequestBody(context.Type))
        {
            return;
        }

        objectSchema.AdditionalPropertiesAllowed = false;
        objectSchema.AdditionalProperties = null;

        foreach (var name in RequiredByValidator(context.Type))
        {
            objectSchema.Required ??= new HashSet<string>(StringComparer.Ordinal);
            objectSchema.Required.Add(name);
            SetNullable(objectSchema, name, nullable: false);
        }

        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (OptionalUnwrappingDataContractResolver.UnwrapOptional(property.PropertyType) != property.PropertyType)
            {
                SetNullable(objectSchema, JsonName(property), IsOptionalOfNullable(property));
            }
        }
    }

    private bool IsRequestBody(Type type) =>
        services.GetService(typeof(IValidator<>).MakeGenericType(type)) is not null
        && type.GetProperties().Any(property => property.GetCustomAttribute<System.Text.Json.Serialization.JsonExtensionDataAttribute>() is not null);

    /// <summary>
    /// Members that a validator rule marks NotNull. Rules for each item of a collection are
    /// skipped: they forbid null items, not a null collection.
    /// </summary>
    private IEnumerable<string> RequiredByValidator(Type type)
    {
        var validator = (IValidator)services.GetRequiredService(typeof(IValidator<>).MakeGenericType(type));
        return validator.CreateDescriptor().Rules
            .Where(rule => !IsCollectionRule(rule) && rule.Components.Any(component => component.Validator is INotNullValidator))
            .Select(rule => rule.PropertyName);
    }

    private static bool IsCollectionRule(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(contract =>
            contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    private static bool IsOptionalOfNullable(PropertyInfo property)
    {
        var valueType = property.PropertyType.GetGenericArguments()[0];
        return Nullable.GetUnderlyingType(valueType) is not null
            || (!valueType.IsValueType && Nullability.Create(property).GenericTypeArguments[0].ReadState == NullabilityState.Nullable);
    }

    private static void SetNullable(OpenApiSchema objectSchema, string name, bool nullable)
    {
        if (objectSchema.Properties?.TryGetValue(name, out var property) != true || property is not OpenApiSchema schema)
        {
            return;
        }

        schema.Type = nullable ? schema.Type | JsonSchemaType.Null : schema.Type & ~JsonSchemaType.Null;
    }

    private static string JsonName(PropertyInfo property) =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
}
