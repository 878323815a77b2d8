using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ExternalConnections.Api.Infrastructure.Security;

public static class AuthenticationSetup
{
    /// <summary>Authorization policy of every /api route.</summary>
    public const string ApiPolicy = "Api";

    private const string BearerSection = "Authentication:Schemes:Bearer";

    /// <summary>
    /// Validates JWT bearer tokens with the settings in <c>Authentication:Schemes:Bearer</c>: an
    /// OpenID Connect <c>Authority</c> and <c>ValidAudiences</c> in production, or a symmetric
    /// development key in <c>SigningKeys</c> (see appsettings.Development.json). Claims keep the
    /// names they have in the token.
    /// </summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AuthenticationSwitch>().BindConfiguration(AuthenticationSwitch.SectionName);
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.MapInboundClaims = false;

            // Why a token failed (bad issuer, expired, ...) goes to the log, not to the caller,
            // who could otherwise tune a forged token against it.
            options.IncludeErrorDetails = false;
            options.Events ??= new JwtBearerEvents();
            options.Events.OnAuthenticationFailed = LogRejectedTokenAsync;
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);

            // The configuration binding yields the signing keys lazily, so every validation would
            // read configuration and decode the keys again; a list builds them once.
            options.TokenValidationParameters.IssuerSigningKeys = options.TokenValidationParameters.IssuerSigningKeys?.ToList();
        });

        // Decided per request, so the switch can come from any configuration source.
        services.AddAuthorizationBuilder().AddPolicy(ApiPolicy, policy => policy.RequireAssertion(context =>
            context.User.Identity?.IsAuthenticated == true
            || context.Resource is HttpContext { RequestServices: var requestServices }
                && !requestServices.GetRequiredService<IOptions<AuthenticationSwitch>>().Value.Enabled));
        return services;
    }

    // IdentityModel's messages hide token contents (PII) unless configured to show them, so the reason is
    // safe to log. One line at Information, next to the line that every request logs anyway.
    private static Task LogRejectedTokenAsync(AuthenticationFailedContext context)
    {
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>()
            .CreateLogger(typeof(AuthenticationSetup))
            .LogInformation("Rejected a bearer token: {Reason}", context.Exception.Message);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops start-up when authentication is off in Production without explicit permission, or on
    /// without any way to validate tokens. Logs a warning whenever it is off.
    /// </summary>
    public static void CheckAuthenticationSettings(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<AuthenticationSwitch>>().Value;
        if (!settings.Enabled)
        {
            if (app.Environment.IsProduction() && !settings.AllowDisabledInProduction)
            {
                throw new StartupException(
                    "Authentication is switched off (Authentication:Enabled=false) in Production. "
                    + "Switch it on, or set Authentication:AllowDisabledInProduction=true to accept that anyone may read and change every record.");
            }

            app.Logger.LogWarning("Authentication is switched off: every caller may read and change every record");
            return;
        }

        var bearer = app.Configuration.GetSection(BearerSection);
        var hasSigningKey = bearer.GetSection("SigningKeys").GetChildren().Any(key => !string.IsNullOrWhiteSpace(key["Value"]));
        if (string.IsNullOrWhiteSpace(bearer["Authority"]) && !hasSigningKey)
        {
            throw new StartupException(
                $"Authentication is on but {BearerSection} has neither an Authority nor SigningKeys to validate tokens with. "
                + $"Set {BearerSection.Replace(":", "__", StringComparison.Ordinal)}__Authority to your identity provider's issuer URL.");
        }
    }
}
