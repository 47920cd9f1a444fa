using Switchyard.Ir;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// Precedence of the rules of one host, most preferred first: paths before the default backend; Exact before the
/// rest; longer paths (as written) before shorter; on equal length a prefix before a regular expression; more
/// conditions (canary header and cookie variants) first; then the older Ingress, then namespace/name, rule, path and
/// variant order.
/// </summary>
internal sealed class IngressPrecedence : IComparer<IngressRouteDraft>
{
    public static IngressPrecedence Instance { get; } = new();

    public int Compare(IngressRouteDraft? x, IngressRouteDraft? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var c = x.Tier.CompareTo(y.Tier);
        if (c != 0)
        {
            return c;
        }

        c = (y.Path.Type == PathMatchType.Exact).CompareTo(x.Path.Type == PathMatchType.Exact);
        if (c != 0)
        {
            return c;
        }

        c = y.Path.SortLength.CompareTo(x.Path.SortLength);
        if (c != 0)
        {
            return c;
        }

        c = (y.Path.Type == PathMatchType.Prefix).CompareTo(x.Path.Type == PathMatchType.Prefix);
        if (c != 0)
        {
            return c;
        }

        c = Conditions(y.Path.Match).CompareTo(Conditions(x.Path.Match));
        if (c != 0)
        {
            return c;
        }

        c = IngressEntry.CompareAge(x.Entry, y.Entry);
        if (c != 0)
        {
            return c;
        }

        c = x.RuleIndex.CompareTo(y.RuleIndex);
        if (c != 0)
        {
            return c;
        }

        c = x.PathIndex.CompareTo(y.PathIndex);
        return c != 0 ? c : x.Variant.CompareTo(y.Variant);
    }

    private static int Conditions(RouteMatch match) => match.Headers.Length + match.Cookies.Length;
}
