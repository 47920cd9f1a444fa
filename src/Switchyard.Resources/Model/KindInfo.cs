using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Model;

/// <summary>
/// What the loader knows about one API kind: the CLR type it deserializes to, its scope, and the API server's
/// defaulting and validation for it (emulated, since standalone mode has no API server).
/// </summary>
public sealed record KindInfo
{
    public required string Group { get; init; }

    public required string Kind { get; init; }

    /// <summary>Accepted versions; the first is the one objects are stored and printed as.</summary>
    public required IReadOnlyList<string> Versions { get; init; }

    public required Type ClrType { get; init; }

    public bool Namespaced { get; init; } = true;

    /// <summary>Applies the API's defaults in place (runs before <see cref="Validate"/>, as in the API server).</summary>
    public Action<object>? Default { get; init; }

    /// <summary>Validates the object as the API server (OpenAPI schema, CEL rules, core validation) would.</summary>
    public Action<object, ValidationContext>? Validate { get; init; }

    /// <summary>Kept for checks only; not acted upon (e.g. Deployments).</summary>
    public bool Passive { get; init; }

    /// <summary>Deserializes JSON into <see cref="ClrType"/> with the KubernetesClient serializer settings.</summary>
    public required Func<string, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>> Deserialize { get; init; }

    public string StoredApiVersion => Group.Length == 0 ? Versions[0] : $"{Group}/{Versions[0]}";
}
