using FluentValidation;

namespace ExternalConnections.Api.Connections.Validation;

public sealed class UpdateConnectionRequestValidator : AbstractValidator<UpdateConnectionRequest>
{
    private static readonly IReadOnlyList<string> SchemaProperties = RequestSchema.PropertyNames<UpdateConnectionRequest>();

    public UpdateConnectionRequestValidator()
    {
        // An absent member holds default(T), which is null for these types, so every rule passes.
        RuleFor(request => request.OwningWorkspaceId.Value).ValidIdentifier();
        RuleFor(request => request.OwningUserId.Value).ValidIdentifier();
        RuleFor(request => request.ExternalPrincipalId.Value).ValidIdentifier();
        RuleFor(request => request.ExternalSub.Value).ValidIdentifier();
        RuleFor(request => request.Label.Value).ValidText(ConnectionLimits.LabelMaxLength);
        RuleFor(request => request.EncryptedCredentialsRef.Value).ValidText(ConnectionLimits.CredentialsRefMaxLength);

        RuleFor(request => request.ScopesJson.Value).ValidScopeCount();
        RuleForEach(request => request.ScopesJson.Value).ValidScope();
        RuleFor(request => request.ConfigurationJson.Value).ValidConfiguration();

        RuleFor(request => request.UnknownProperties).NoUnknownProperties(SchemaProperties, ExplainKnownName);
    }

    private static string? ExplainKnownName(string name) =>
        name switch
        {
            "provider" or "connectionType" or "workspaceId" or "visibilityMode" =>
                "Cannot be changed: it is fixed when the connection is created.",
            _ when RequestSchema.IsReadOnly(name) => "Read-only: the service sets this field.",
            _ => null,
        };
}
