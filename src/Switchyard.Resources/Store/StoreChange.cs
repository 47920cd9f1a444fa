namespace Switchyard.Resources.Store;

/// <summary>What one application of a load changed in the store.</summary>
public sealed record StoreChange(int Added, int Updated, int Deleted, int Unchanged, int KeptLastGood)
{
    public bool Any => Added + Updated + Deleted > 0;

    public override string ToString() => $"{Added} added, {Updated} updated, {Deleted} deleted, {Unchanged} unchanged, {KeptLastGood} kept at last good version";
}
