using System.Collections.Immutable;
using Switchyard.Ir.Dns;
using Switchyard.Ir.ServiceProxy;
using Switchyard.Ir.TlsRouting;
using Switchyard.Resources.Store;

namespace Switchyard.Translation;

/// <summary>Mutable scratch state of one translation run; never outlives <see cref="Translator.Translate"/>.</summary>
public sealed class TranslationContext
{
    private readonly ImmutableSortedDictionary<ResourceKey, object>.Builder _status = ImmutableSortedDictionary.CreateBuilder<ResourceKey, object>();
    private readonly List<TranslationWarning> _warnings = [];

    public TranslationContext(StoreSnapshot store, TranslatorOptions options, DateTime now, TranslationResult? previous)
    {
        Store = store;
        Options = options;
        Now = now;
        Previous = previous ?? TranslationResult.Empty;
    }

    public StoreSnapshot Store { get; }

    public TranslatorOptions Options { get; }

    /// <summary>lastTransitionTime for conditions that change in this run.</summary>
    public DateTime Now { get; }

    /// <summary>The last result, so unchanged conditions keep their lastTransitionTime.</summary>
    public TranslationResult Previous { get; }

    /// <summary>The DNS zones of this run, set by the DNS step (empty until then).</summary>
    public DnsZone Dns { get; set; } = DnsZone.Empty;

    /// <summary>L4 proxy rules added by the steps; the translator orders them by id.</summary>
    public List<ServiceProxyRule> ServiceProxyRules { get; } = [];

    /// <summary>TLS listeners (routed by SNI) added by the steps; the translator orders them by id.</summary>
    public List<TlsListener> TlsListeners { get; } = [];

    /// <summary>Objects generated for inputs; the translator orders them by key.</summary>
    public SortedDictionary<ResourceKey, GeneratedObject> Generated { get; } = [];

    public void SetStatus(ResourceKey key, object status) => _status[key] = status;

    public void Warn(ResourceKey key, string field, string message) => _warnings.Add(new TranslationWarning(key, field, message));

    /// <summary>A warning <c>check</c> acts on, tagged with one of <see cref="WarningCodes"/>.</summary>
    public void Warn(ResourceKey key, string field, string message, string? code) =>
        _warnings.Add(new TranslationWarning(key, field, message) { Code = code });

    public ImmutableSortedDictionary<ResourceKey, object> BuildStatus() => _status.ToImmutable();

    public ImmutableArray<TranslationWarning> BuildWarnings() => [.. _warnings];
}
