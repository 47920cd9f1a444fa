using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Resources.Loading;

namespace Switchyard.Resources.Store;

public sealed partial class ResourceStore
{
    /// <summary>One write under the store's lock: the next objects, revision and counts, and the keys it touched.</summary>
    private sealed class Write(StoreSnapshot current, string source)
    {
        public StoreSnapshot Current { get; } = current;

        public ImmutableSortedDictionary<ResourceKey, StoredObject>.Builder Builder { get; } = current.Objects.ToBuilder();

        public long Revision { get; private set; } = current.Revision;

        public HashSet<ResourceKey> Touched { get; } = [];

        public int Kept { get; set; }

        private int Added { get; set; }

        private int Updated { get; set; }

        private int Deleted { get; set; }

        private int Unchanged { get; set; }

        public StoreChange Change => new(Added, Updated, Deleted, Unchanged, Kept);

        /// <summary>Adds or updates one object of the source; false when another source owns its key (refused).</summary>
        public bool Upsert(LoadedObject loaded)
        {
            var existing = Current.Find(loaded.Key);
            if (existing is not null && existing.Source != source)
            {
                return false;
            }

            var meta = loaded.Object.Metadata;
            JsonNode? storedJson = null, loadedJson = null;
            // Controllers hand back the stored instance for unchanged objects: no need to compare content.
            if (existing is not null
                && (ReferenceEquals(existing.Object, loaded.Object) || SameContent(existing.Object, loaded.Object, out storedJson, out loadedJson)))
            {
                Unchanged++;
                return true;
            }

            Revision++;
            if (existing is null)
            {
                meta.Generation ??= 1;
                Added++;
            }
            else
            {
                meta.Generation ??= SameSpec(storedJson, loadedJson) ? existing.Generation : existing.Generation + 1;
                meta.Uid ??= existing.Object.Metadata.Uid;
                Updated++;
            }

            meta.ResourceVersion ??= Revision.ToString(CultureInfo.InvariantCulture);
            Builder[loaded.Key] = new StoredObject(loaded.Key, loaded.Info, loaded.Object, loaded.Location) { Source = source };
            Touched.Add(loaded.Key);
            return true;
        }

        public void Delete(ResourceKey key)
        {
            Builder.Remove(key);
            Revision++;
            Deleted++;
            Touched.Add(key);
        }
    }
}
