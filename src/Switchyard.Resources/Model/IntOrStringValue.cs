using System.Globalization;
using k8s.Models;

namespace Switchyard.Resources.Model;

/// <summary>
/// Reads <see cref="IntOrString"/>, which keeps only the text: a JSON number and an all-digit JSON string look the
/// same, so an all-digit value is taken as a number (Go would keep <c>"80"</c> a string and reject it as a port name).
/// </summary>
public static class IntOrStringValue
{
    /// <summary>Whether the value is absent or empty (Go's zero value for either type).</summary>
    public static bool IsEmpty(IntOrString? value) => string.IsNullOrEmpty(value?.Value);

    /// <summary>Reads the value as a number when it is one.</summary>
    public static bool TryGetNumber(IntOrString? value, out long number)
    {
        number = 0;
        var text = value?.Value;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var digits = text[0] == '-' ? text.AsSpan(1) : text.AsSpan();
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        // Values beyond long are out of any port range anyway; clamp rather than fail.
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            number = text[0] == '-' ? long.MinValue : long.MaxValue;
        }

        return true;
    }
}
