using System.Net;
using Switchyard.Ir.Dns;

namespace Switchyard.Translation.Dns;

/// <summary>
/// Canonical record order: owner names as in RFC 4034 §6.1 (label by label from the right, case-insensitive), then the
/// type code, then RDATA (addresses by value, SRV by priority, weight, port, target; names canonically).
/// </summary>
public sealed class DnsRecordComparer : IComparer<DnsRecord>
{
    public static DnsRecordComparer Instance { get; } = new();

    public int Compare(DnsRecord? x, DnsRecord? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = CompareNames(x.Name, y.Name);
        if (c != 0)
        {
            return c;
        }

        c = ((ushort)x.Type).CompareTo((ushort)y.Type);
        if (c != 0)
        {
            return c;
        }

        c = CompareAddresses(x.Address, y.Address);
        if (c != 0)
        {
            return c;
        }

        c = Nullable.Compare(x.Priority, y.Priority);
        c = c != 0 ? c : Nullable.Compare(x.Weight, y.Weight);
        c = c != 0 ? c : Nullable.Compare(x.Port, y.Port);
        c = c != 0 ? c : CompareNames(x.Target ?? string.Empty, y.Target ?? string.Empty);
        return c != 0 ? c : string.CompareOrdinal(x.Text, y.Text);
    }

    /// <summary>RFC 4034 §6.1 canonical name order.</summary>
    public static int CompareNames(string x, string y)
    {
        var a = x.TrimEnd('.');
        var b = y.TrimEnd('.');
        while (true)
        {
            if (a.Length == 0 || b.Length == 0)
            {
                return a.Length.CompareTo(b.Length);
            }

            var dotA = a.LastIndexOf('.');
            var dotB = b.LastIndexOf('.');
            var labelA = a[(dotA + 1)..];
            var labelB = b[(dotB + 1)..];
            var c = CompareLabels(labelA, labelB);
            if (c != 0)
            {
                return c;
            }

            a = dotA < 0 ? string.Empty : a[..dotA];
            b = dotB < 0 ? string.Empty : b[..dotB];
        }
    }

    // Octets compared as if lower-cased (RFC 4034 §6.1), shorter first on a common prefix.
    private static int CompareLabels(string a, string b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = char.ToLowerInvariant(a[i]).CompareTo(char.ToLowerInvariant(b[i]));
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int CompareAddresses(string? x, string? y)
    {
        if (x is null || y is null || !IPAddress.TryParse(x, out var a) || !IPAddress.TryParse(y, out var b))
        {
            return string.CompareOrdinal(x, y);
        }

        return a.GetAddressBytes().AsSpan().SequenceCompareTo(b.GetAddressBytes());
    }
}
