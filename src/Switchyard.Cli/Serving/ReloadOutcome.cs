using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;
using Switchyard.Translation;

namespace Switchyard.Cli.Serving;

/// <summary>What one reload did: the load (with refused objects), the store change, and the translation published (if any).</summary>
internal sealed record ReloadOutcome(LoadResult Load, StoreChange Change, TranslationResult? Published, IReadOnlyList<string> SnapshotProblems)
{
    public bool Rejected => SnapshotProblems.Count > 0;
}
