using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.Resources.Validation;

/// <summary>
/// Kubernetes name and identifier formats (apimachinery <c>util/validation</c> and <c>api/validate/content</c>). Each
/// <c>Is*</c> method returns the API server's detail messages; an empty list means valid.
/// </summary>
/// <remarks>
/// Regexes are anchored with <c>\z</c> because Go's <c>$</c> never matches before a trailing newline, unlike .NET's.
/// Lengths are UTF-8 byte counts, as Go's <c>len</c> is.
/// </remarks>
internal static partial class NameValidation
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int Dns1035LabelMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    public const int LabelKeyNameMaxLength = 63;
    public const int IanaSvcNameMaxLength = 15;

    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123LabelErrMsg =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1123SubdomainErrMsg =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelErrMsg =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

    private const string WildcardDns1123SubdomainFmt = "\\*\\." + Dns1123SubdomainFmt;
    private const string WildcardDns1123SubdomainErrMsg =
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";

    private const string LabelKeyFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelKeyErrMsg =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string LabelValueFmt = "(" + LabelKeyFmt + ")?";
    private const string LabelValueErrMsg =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string ConfigMapKeyFmt = "[-._a-zA-Z0-9]+";
    private const string ConfigMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

    private const string HttpHeaderNameFmt = "[-A-Za-z0-9]+";
    private const string HttpHeaderNameErrMsg = "a valid HTTP header must consist of alphanumeric characters or '-'";

    private const string HttpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

    /// <summary>A DNS (RFC 1123) label: the format of namespace names, port names and container names.</summary>
    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        List<string> errs = [];
        if (ByteLength(value) > Dns1123LabelMaxLength)
        {
            errs.Add(MaxLenError(Dns1123LabelMaxLength));
        }

        if (!Dns1123LabelRegex().IsMatch(value))
        {
            errs.Add(Dns1123SubdomainRegex().IsMatch(value)
                ? "must not contain dots"
                : RegexError(Dns1123LabelErrMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        }

        return errs;
    }

    /// <summary>A DNS (RFC 1123) subdomain: the format of most object names and of hostnames.</summary>
    public static IReadOnlyList<string> IsDns1123Subdomain(string value) => IsDns1123Subdomain(value, lengthInBytes: false);

    private static List<string> IsDns1123Subdomain(string value, bool lengthInBytes)
    {
        List<string> errs = [];
        if (ByteLength(value) > Dns1123SubdomainMaxLength)
        {
            errs.Add(lengthInBytes ? MaxBytesError(Dns1123SubdomainMaxLength) : MaxLenError(Dns1123SubdomainMaxLength));
        }

        if (!Dns1123SubdomainRegex().IsMatch(value))
        {
            errs.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        }

        return errs;
    }

    /// <summary>A DNS-1035 label (starts with a letter): the format of Service names.</summary>
    public static IReadOnlyList<string> IsDns1035Label(string value)
    {
        List<string> errs = [];
        if (ByteLength(value) > Dns1035LabelMaxLength)
        {
            errs.Add(MaxLenError(Dns1035LabelMaxLength));
        }

        if (!Dns1035LabelRegex().IsMatch(value))
        {
            errs.Add(RegexError(Dns1035LabelErrMsg, Dns1035LabelFmt, "my-name", "abc-123"));
        }

        return errs;
    }

    /// <summary>A wildcard subdomain (<c>*.example.com</c>, RFC 1034 section 4.3.3): the wildcard is the whole leftmost label.</summary>
    public static IReadOnlyList<string> IsWildcardDns1123Subdomain(string value)
    {
        List<string> errs = [];
        if (ByteLength(value) > Dns1123SubdomainMaxLength)
        {
            errs.Add(MaxLenError(Dns1123SubdomainMaxLength));
        }

        if (!WildcardDns1123SubdomainRegex().IsMatch(value))
        {
            errs.Add(RegexError(WildcardDns1123SubdomainErrMsg, WildcardDns1123SubdomainFmt, "*.example.com"));
        }

        return errs;
    }

    /// <summary>A qualified name (label key): an optional DNS subdomain prefix and '/', then a name of at most 63 bytes.</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        List<string> errs = [];
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    errs.Add("prefix part must be non-empty");
                }
                else
                {
                    // The content package words lengths in bytes, unlike util/validation's DNS checks.
                    foreach (var msg in IsDns1123Subdomain(prefix, lengthInBytes: true))
                    {
                        errs.Add("prefix part " + msg);
                    }
                }

                break;
            default:
                errs.Add("a valid label key " + RegexError(LabelKeyErrMsg, LabelKeyFmt, "MyName", "my.name", "123-abc") +
                    " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }

        if (name.Length == 0)
        {
            errs.Add("name part must be non-empty");
        }
        else if (ByteLength(name) > LabelKeyNameMaxLength)
        {
            errs.Add("name part " + MaxBytesError(LabelKeyNameMaxLength));
        }

        if (!LabelKeyRegex().IsMatch(name))
        {
            errs.Add("name part " + RegexError(LabelKeyErrMsg, LabelKeyFmt, "MyName", "my.name", "123-abc"));
        }

        return errs;
    }

    /// <summary>A label value: empty, or at most 63 bytes of alphanumerics, '-', '_' and '.', starting and ending alphanumeric.</summary>
    public static IReadOnlyList<string> IsLabelValue(string value)
    {
        List<string> errs = [];
        if (ByteLength(value) > LabelValueMaxLength)
        {
            errs.Add(MaxBytesError(LabelValueMaxLength));
        }

        if (!LabelValueRegex().IsMatch(value))
        {
            errs.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        }

        return errs;
    }

    /// <summary>
    /// An IANA_SVC_NAME (RFC 6335): at most 15 characters of [-a-z0-9], at least one letter, no leading, trailing or
    /// doubled '-'. The format of named ports.
    /// </summary>
    public static IReadOnlyList<string> IsIanaSvcName(string value)
    {
        List<string> errs = [];
        if (ByteLength(value) > IanaSvcNameMaxLength)
        {
            errs.Add(MaxLenError(IanaSvcNameMaxLength));
        }

        if (!PortNameCharsetRegex().IsMatch(value))
        {
            errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!PortNameOneLetterRegex().IsMatch(value))
        {
            errs.Add("must contain at least one letter (a-z)");
        }

        if (value.Contains("--", StringComparison.Ordinal))
        {
            errs.Add("must not contain consecutive hyphens");
        }

        if (value.Length > 0 && (value[0] == '-' || value[^1] == '-'))
        {
            errs.Add("must not begin or end with a hyphen");
        }

        return errs;
    }

    /// <summary>A port number: 1 to 65535.</summary>
    public static IReadOnlyList<string> IsValidPortNumber(long port) =>
        port is >= 1 and <= 65535 ? [] : [InclusiveRangeError(1, 65535)];

    /// <summary>A ConfigMap or Secret data key.</summary>
    public static IReadOnlyList<string> IsConfigMapKey(string value)
    {
        List<string> errs = [];
        if (ByteLength(value) > Dns1123SubdomainMaxLength)
        {
            errs.Add(MaxLenError(Dns1123SubdomainMaxLength));
        }

        if (!ConfigMapKeyRegex().IsMatch(value))
        {
            errs.Add(RegexError(ConfigMapKeyErrMsg, ConfigMapKeyFmt, "key.name", "KEY_NAME", "key-name"));
        }

        if (value == ".")
        {
            errs.Add("must not be '.'");
        }
        else if (value == "..")
        {
            errs.Add("must not be '..'");
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            errs.Add("must not start with '..'");
        }

        return errs;
    }

    /// <summary>An HTTP header name as Go's HTTP library accepts it.</summary>
    public static IReadOnlyList<string> IsHttpHeaderName(string value) =>
        HttpHeaderNameRegex().IsMatch(value) ? [] : [RegexError(HttpHeaderNameErrMsg, HttpHeaderNameFmt, "X-Header-Name")];

    /// <summary>A name that can be a URL path segment (kinds and names in object references).</summary>
    public static IReadOnlyList<string> IsPathSegmentName(string value)
    {
        if (value is "." or "..")
        {
            return ["may not be '" + value + "'"];
        }

        List<string> errs = [];
        if (value.Contains('/', StringComparison.Ordinal))
        {
            errs.Add("may not contain '/'");
        }

        if (value.Contains('%', StringComparison.Ordinal))
        {
            errs.Add("may not contain '%'");
        }

        return errs;
    }

    /// <summary>A domain-prefixed path such as <c>acme.io/foo</c> (IngressClass controllers); reports into <paramref name="ctx"/>.</summary>
    public static void ValidateDomainPrefixedPath(ValidationContext ctx, string path, string value)
    {
        if (value.Length == 0)
        {
            ctx.Required(path);
            return;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            ctx.Invalid(path, value, "must be a domain-prefixed path (such as \"acme.io/foo\")");
            return;
        }

        var host = value[..slash];
        foreach (var msg in IsDns1123Subdomain(host))
        {
            ctx.Invalid(path, host, msg);
        }

        var rest = value[(slash + 1)..];
        if (!HttpPathRegex().IsMatch(rest))
        {
            ctx.Invalid(path, rest, RegexError("Invalid path", HttpPathFmt));
        }
    }

    /// <summary>A fully qualified domain name with at least two labels; a trailing dot is allowed. Reports into <paramref name="ctx"/>.</summary>
    public static void ValidateFullyQualifiedDomainName(ValidationContext ctx, string path, string value)
    {
        if (value.Length == 0)
        {
            ctx.Required(path);
            return;
        }

        var name = value.EndsWith('.') ? value[..^1] : value;
        var errs = IsDns1123Subdomain(name);
        if (errs.Count > 0)
        {
            ctx.Invalid(path, name, string.Join(",", errs));
            return;
        }

        var labels = name.Split('.');
        if (labels.Length < 2)
        {
            ctx.Invalid(path, name, "should be a domain with at least two segments separated by dots");
            return;
        }

        foreach (var label in labels)
        {
            var labelErrs = IsDns1123Label(label);
            if (labelErrs.Count > 0)
            {
                ctx.Invalid(path, label, string.Join(",", labelErrs));
                return;
            }
        }
    }

    /// <summary>Object names that must be DNS subdomains; <paramref name="prefix"/> is for generateName (trailing '-' allowed).</summary>
    public static IReadOnlyList<string> NameIsDnsSubdomain(string name, bool prefix) => IsDns1123Subdomain(prefix ? MaskTrailingDash(name) : name);

    /// <summary>Object names that must be DNS labels (Namespaces).</summary>
    public static IReadOnlyList<string> NameIsDnsLabel(string name, bool prefix) => IsDns1123Label(prefix ? MaskTrailingDash(name) : name);

    /// <summary>Object names that must be DNS-1035 labels (Services).</summary>
    public static IReadOnlyList<string> NameIsDns1035Label(string name, bool prefix) => IsDns1035Label(prefix ? MaskTrailingDash(name) : name);

    /// <summary><c>must be between lo and hi, inclusive</c>.</summary>
    public static string InclusiveRangeError(long lo, long hi) => $"must be between {lo} and {hi}, inclusive";

    /// <summary>Length error worded as util/validation words it (DNS names, port names, config keys).</summary>
    public static string MaxLenError(int length) => $"must be no more than {length} characters";

    /// <summary>Length error worded as the content package words it (label keys and values).</summary>
    public static string MaxBytesError(int length) => $"must be no more than {length} bytes";

    /// <summary>Go's <c>validation.RegexError</c>, including its double space between examples.</summary>
    public static string RegexError(string message, string format, params ReadOnlySpan<string> examples)
    {
        if (examples.Length == 0)
        {
            return message + " (regex used for validation is '" + format + "')";
        }

        var sb = new StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(" or ");
            }

            sb.Append('\'').Append(examples[i]).Append("', ");
        }

        return sb.Append("regex used for validation is '").Append(format).Append("')").ToString();
    }

    private static int ByteLength(string value) => Encoding.UTF8.GetByteCount(value);

    // generateName gets a random suffix appended, so a trailing '-' is fine there.
    private static string MaskTrailingDash(string name) =>
        name.Length > 1 && name.EndsWith('-') ? name[..^2] + "a" : name;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035LabelRegex();

    [GeneratedRegex("^\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex WildcardDns1123SubdomainRegex();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelKeyRegex();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex("^[-a-z0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PortNameCharsetRegex();

    [GeneratedRegex("[a-z]", RegexOptions.CultureInvariant)]
    private static partial Regex PortNameOneLetterRegex();

    [GeneratedRegex("^[-._a-zA-Z0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigMapKeyRegex();

    [GeneratedRegex("^[-A-Za-z0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HttpHeaderNameRegex();

    [GeneratedRegex("^[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HttpPathRegex();
}
