using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FluentValidation;

namespace ExternalConnections.Api.Infrastructure.Validation;

internal static class FluentValidationDefaults
{
    /// <summary>
    /// Names each validation failure after the JSON name of the top-level request property it
    /// concerns, so error keys are the client's own paths: a rule on <c>r =&gt; r.Label.Value</c>
    /// reports <c>label</c>, and a rule for each item of <c>r.ScopesJson.Value</c> reports
    /// <c>scopesJson[2]</c>. Request bodies are flat objects, so the top-level name is the key.
    /// </summary>
    /// <remarks>
    /// FluentValidation keeps this setting in a process-wide static. A module initializer sets it
    /// before any validator in this assembly runs, in the service and in tests alike.
    /// </remarks>
    [ModuleInitializer]
    internal static void UseJsonPropertyNames() =>
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            (TopLevelMember(expression?.Body) ?? member) is { } topLevel
                ? JsonNamingPolicy.CamelCase.ConvertName(topLevel.Name)
                : null;

    private static MemberInfo? TopLevelMember(Expression? expression)
    {
        MemberInfo? topLevel = null;
        while (true)
        {
            switch (expression)
            {
                case MemberExpression member:
                    topLevel = member.Member;
                    expression = member.Expression;
                    break;
                case UnaryExpression { NodeType: ExpressionType.Convert } conversion:
                    expression = conversion.Operand;
                    break;
                default:
                    return topLevel;
            }
        }
    }
}
