namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>
/// A JSON Merge Patch member: either absent from the request or present with a value, which
/// may be null to clear the field.
/// </summary>
/// <remarks>
/// <see cref="OptionalPropertyModifier"/> makes System.Text.Json read an <c>Optional&lt;T&gt;</c>
/// property as a plain <typeparamref name="T"/>, so errors keep their exact JSON paths.
/// </remarks>
public readonly record struct Optional<T>
{
    public Optional(T value)
    {
        Value = value;
        IsPresent = true;
    }

    public bool IsPresent { get; }

    public T Value { get; }

    // Never the value: members such as encryptedCredentialsRef must not reach a log through ToString.
    public override string ToString() => IsPresent ? "Present" : "Absent";
}
