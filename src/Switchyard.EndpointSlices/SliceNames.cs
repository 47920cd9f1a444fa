namespace Switchyard.EndpointSlices;

/// <summary>
/// Deterministic slice names, <c>&lt;service&gt;-&lt;5 characters&gt;</c> like the API server's generateName, but
/// derived from what the slice holds (address type, port set, chunk index) so every run names a slice the same.
/// </summary>
internal sealed class SliceNames
{
    // generateName's alphabet: no vowels (no words), no 0/1/3 (look like letters).
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int SuffixLength = 5;

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly string _prefix;

    public SliceNames(string serviceName) => _prefix = serviceName + "-";

    /// <summary>A name for the slice identified by <paramref name="identity"/>, unique within the Service.</summary>
    public string Next(string identity)
    {
        Span<char> suffix = stackalloc char[SuffixLength];
        for (var attempt = 0; ; attempt++)
        {
            var hash = Fnv1a(identity, attempt);
            for (var i = 0; i < SuffixLength; i++)
            {
                suffix[i] = Alphabet[(int)(hash % (ulong)Alphabet.Length)];
                hash /= (ulong)Alphabet.Length;
            }

            var name = string.Concat(_prefix, suffix);
            if (_used.Add(name))
            {
                return name;
            }
        }
    }

    private static ulong Fnv1a(string text, int salt)
    {
        const ulong Offset = 14695981039346656037;
        const ulong Prime = 1099511628211;
        var hash = Offset;
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        hash = (hash ^ (ulong)salt) * Prime;
        return hash;
    }
}
