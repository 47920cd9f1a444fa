namespace Switchyard.Ir.Dns;

/// <summary>Checks on names in text form (absolute, dot-separated), shared by translation and the data plane.</summary>
public static class DnsNames
{
    /// <summary>
    /// True for an absolute name ending in a dot, with labels of 1–63 letters, digits, '-' or '_', and at most 255
    /// bytes in wire form (RFC 1035 §2.3.4). The root "." is valid.
    /// </summary>
    public static bool IsValidAbsolute(string? name)
    {
        if (name is null || name.Length == 0 || name[^1] != '.')
        {
            return false;
        }

        if (name.Length == 1)
        {
            return true;
        }

        // Wire length: one length byte per label plus its bytes, plus the root byte = text length + 1.
        if (name.Length + 1 > 255)
        {
            return false;
        }

        var labelLength = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '.')
            {
                if (labelLength is 0 or > 63)
                {
                    return false;
                }

                labelLength = 0;
                continue;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }

            labelLength++;
        }

        return true;
    }

    /// <summary>True when <paramref name="name"/> equals <paramref name="apex"/> or is below it (both absolute).</summary>
    public static bool IsAtOrBelow(string name, string apex)
    {
        if (apex == ".")
        {
            return true;
        }

        return name.Length == apex.Length
            ? name.Equals(apex, StringComparison.OrdinalIgnoreCase)
            : name.Length > apex.Length && name[name.Length - apex.Length - 1] == '.' && name.EndsWith(apex, StringComparison.OrdinalIgnoreCase);
    }
}
