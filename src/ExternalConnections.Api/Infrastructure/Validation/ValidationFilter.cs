using ExternalConnections.Api.Infrastructure.Errors;
using FluentValidation;
using FluentValidation.Results;

namespace ExternalConnections.Api.Infrastructure.Validation;

/// <summary>
/// Runs the FluentValidation validator of every handler argument whose type has one, and
/// answers 400 with the failures before the handler runs. FluentValidation's own automatic
/// validation works only for MVC controllers, so minimal APIs need this filter.
/// </summary>
public static class ValidationFilter
{
    /// <summary>
    /// Finds the validated parameters once per endpoint, when the endpoint is built, so a request
    /// pays only for the validators it needs.
    /// </summary>
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var registrations = context.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
        var validated = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (Index: index, ValidatorType: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
            .Where(candidate => registrations.IsService(candidate.ValidatorType))
            .ToArray();

        if (validated.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            foreach (var (index, validatorType) in validated)
            {
                if (invocation.Arguments[index] is not { } argument)
                {
                    continue;
                }

                var validator = (IValidator)invocation.HttpContext.RequestServices.GetRequiredService(validatorType);
                var result = await validator.ValidateAsync(
                    new ValidationContext<object>(argument),
                    invocation.HttpContext.RequestAborted);
                if (!result.IsValid)
                {
                    return Problems.Validation(ToErrors(result.Errors));
                }
            }

            return await next(invocation);
        };
    }

    private static Dictionary<string, string[]> ToErrors(IEnumerable<ValidationFailure> failures) =>
        failures
            .GroupBy(failure => failure.PropertyName, StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => group.Select(failure => failure.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(),
                StringComparer.Ordinal);
}
