using FluentValidation;

namespace ExternalConnections.Api.Connections.Validation;

public sealed class CreateConnectionRequestValidator : AbstractValidator<CreateConnectionRequest>
{
    private static readonly IReadOnlyList<string> SchemaProperties = RequestSchema.PropertyNames<CreateConnectionRequest>();

    public CreateConnectionRequestValidator()
    {
        RuleFor(request => request.Provider).Required();
        RuleFor(request => request.ConnectionType).Required();
        RuleFor(request => request.VisibilityMode).Required();
        RuleFor(request => request.WorkspaceId).Required().ValidIdentifier();

        RuleFor(request => request.OwningWorkspaceId).ValidIdentifier();
        RuleFor(request => request.OwningUserId).ValidIdentifier();
        RuleFor(request => request.ExternalPrincipalId).ValidIdentifier();
        RuleFor(request => request.ExternalSub).ValidIdentifier();
        RuleFor(request => request.Label).ValidText(ConnectionLimits.LabelMaxLength);
        RuleFor(request => request.EncryptedCredentialsRef).ValidText(ConnectionLimits.CredentialsRefMaxLength);

        RuleFor(request => request.ScopesJson).ValidScopeCount();
        RuleForEach(request => request.ScopesJson).ValidScope();
        RuleFor(request => request.ConfigurationJson).ValidConfiguration();

        RuleFor(request => request.UnknownProperties).NoUnknownProperties(SchemaProperties, ExplainKnownName);
    }

    private static string? ExplainKnownName(string name) =>
        RequestSchema.IsReadOnly(name) ? "Read-only: the service sets this field." : null;
}
