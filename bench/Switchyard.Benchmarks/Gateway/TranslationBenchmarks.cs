using BenchmarkDotNet.Attributes;
using Switchyard.Resources.Store;
using Switchyard.Translation;

namespace Switchyard.Benchmarks.Gateway;

/// <summary>
/// Translation of 10,000 HTTPRoutes on one Gateway listener (<see cref="BenchRoutes"/>, ByHost shape) from a store
/// snapshot to the IR and every object's status. Target: at most 1 s. <c>Translate</c> is the first translation;
/// <c>Retranslate</c> passes the previous result, as every reload does (conditions carry their transition times).
/// </summary>
[MemoryDiagnoser]
public class TranslationBenchmarks
{
    private const int Routes = 10_000;

    private StoreSnapshot _store = null!;
    private Translator _translator = null!;
    private TranslationResult _previous = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = BenchRoutes.Store(BenchRoutes.Manifests(Routes, byHost: true));
        _translator = BenchRoutes.Translator();
        _previous = _translator.Translate(_store, 1);
        var rules = _previous.Snapshot.Listeners.Sum(l => l.VirtualHosts.Sum(v => v.Rules.Length));
        if (_previous.Snapshot.Listeners.Length != 1 || rules != Routes || _previous.Snapshot.Validate().Count > 0)
        {
            throw new InvalidOperationException($"expected one valid listener with {Routes} rules, got {_previous.Snapshot.Listeners.Length} listeners, {rules} rules");
        }
    }

    [Benchmark]
    public TranslationResult Translate() => _translator.Translate(_store, 1);

    [Benchmark]
    public TranslationResult Retranslate() => _translator.Translate(_store, 2, _previous);
}
