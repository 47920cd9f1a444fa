namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// The names a resolver tries for a host, as glibc and musl do with a Pod's resolv.conf (kubelet ClusterFirst:
/// <c>search &lt;ns&gt;.svc.&lt;zone&gt; svc.&lt;zone&gt; &lt;zone&gt;</c>, <c>options ndots:5</c>): a name ending
/// in a dot is only tried as is; a name with at least ndots dots is tried as is first, then with each search domain;
/// any other name with each search domain first, then as is.
/// </summary>
internal static class SearchPath
{
    public const int Ndots = 5;

    /// <summary>The search domains of a Pod in <paramref name="ns"/>.</summary>
    public static IReadOnlyList<string> Domains(string ns, string zone)
    {
        zone = zone.Trim('.');
        return [$"{ns}.svc.{zone}", $"svc.{zone}", zone];
    }

    /// <summary>Absolute names (with the trailing dot) in the order they are tried; no search domains: the name alone.</summary>
    public static IReadOnlyList<string> Candidates(string host, IReadOnlyList<string> domains)
    {
        if (host.EndsWith('.'))
        {
            return [host];
        }

        var absolute = host + ".";
        var searched = domains.Select(d => string.Concat(host, ".", d, ".")).ToList();
        var dots = host.Count(c => c == '.');
        return dots >= Ndots ? [absolute, .. searched] : [.. searched, absolute];
    }
}
