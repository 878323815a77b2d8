using Microsoft.Extensions.Options;

namespace ExternalConnections.Api.Infrastructure;

/// <summary>Reads settings sections before the service listens, so a bad value stops start-up with one clear line.</summary>
public static class StartupSettings
{
    /// <summary>
    /// Returns the bound and validated <typeparamref name="TOptions"/>; a value that does not convert
    /// or breaks a rule becomes a <see cref="StartupException"/> whose message names it.
    /// </summary>
    public static TOptions Read<TOptions>(IServiceProvider services, string sectionName)
        where TOptions : class
    {
        try
        {
            return services.GetRequiredService<IOptions<TOptions>>().Value;
        }
        catch (Exception exception) when (exception is InvalidOperationException or OptionsValidationException)
        {
            // The binder's and the validator's messages name the key and the rule it breaks.
            throw new StartupException($"Invalid setting in the '{sectionName}' section: {exception.Message}");
        }
    }
}
