using System.Collections.Immutable;
using Switchyard.Ir;
using Switchyard.Resources.Store;

namespace Switchyard.Translation;

/// <summary>The output of one translation: the IR for the data planes, the status of every input object, warnings.</summary>
public sealed record TranslationResult
{
    public static TranslationResult Empty { get; } = new();

    public Snapshot Snapshot { get; init; } = Snapshot.Empty;

    /// <summary>Computed <c>.status</c> per object (typed status objects, e.g. GatewayStatus); objects without a computed status are absent.</summary>
    public ImmutableSortedDictionary<ResourceKey, object> Status { get; init; } = ImmutableSortedDictionary<ResourceKey, object>.Empty;

    public ImmutableArray<TranslationWarning> Warnings { get; init; } = [];

    /// <summary>Objects generated for inputs (each Gateway's Service), in key order.</summary>
    public ImmutableArray<GeneratedObject> Generated { get; init; } = [];
}
