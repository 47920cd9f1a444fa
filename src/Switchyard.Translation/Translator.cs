using Switchyard.Ir;
using Switchyard.Resources.Store;

namespace Switchyard.Translation;

/// <summary>
/// Pure translation from a store snapshot to the IR and the status of every object. No I/O, no clock: the time for
/// condition transitions comes from the caller's <see cref="TimeProvider"/>.
/// </summary>
public sealed class Translator
{
    private readonly TranslatorOptions _options;
    private readonly TimeProvider _time;

    public Translator(TranslatorOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public TranslationResult Translate(StoreSnapshot store, long generation, TranslationResult? previous = null)
    {
        var ctx = new TranslationContext(store, _options, _time.GetUtcNow().UtcDateTime, previous);
        var listeners = new List<Listener>();
        var clusters = new List<BackendCluster>();
        foreach (var step in TranslationSteps.All)
        {
            step(ctx, listeners, clusters);
        }

        var snapshot = new Snapshot
        {
            Generation = generation,
            Listeners = [.. listeners.OrderBy(l => l.Id, StringComparer.Ordinal)],
            Clusters = [.. clusters.OrderBy(c => c.Id, StringComparer.Ordinal)],
            Dns = ctx.Dns,
            ServiceProxy = [.. ctx.ServiceProxyRules.OrderBy(r => r.Id, StringComparer.Ordinal)],
            TlsListeners = [.. ctx.TlsListeners.OrderBy(l => l.Id, StringComparer.Ordinal)],
        };
        return new TranslationResult
        {
            Snapshot = snapshot,
            Status = ctx.BuildStatus(),
            Warnings = ctx.BuildWarnings(),
            Generated = [.. ctx.Generated.Values],
        };
    }
}
