using System.Text.RegularExpressions;
using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Validation;

/// <summary>Checks for the types several Gateway API kinds share (references, hostnames, header filters).</summary>
public static partial class GatewayApiValidation
{
    private static readonly string[] HttpMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

    /// <summary>Runs <paramref name="check"/> on each element with its path, reporting JSON nulls as type errors.</summary>
    private static void ForEach<T>(ValidationContext ctx, string path, List<T>? list, Action<ValidationContext, string, T> check, string type = "object")
    {
        if (list is null)
        {
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (ctx.Item(itemPath, list[i], type))
            {
                check(ctx, itemPath, list[i]);
            }
        }
    }

    /// <summary>Reports repeated keys of an x-kubernetes-list-type=map list, at the repeated element.</summary>
    private static void UniqueKeys<T>(ValidationContext ctx, string path, List<T>? list, string keyName, Func<T, string?> key)
    {
        if (list is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { } item && key(item) is { } value && !seen.Add(value))
            {
                ctx.DuplicateKey($"{path}[{i}]", keyName, value);
            }
        }
    }

    /// <summary>Reports repeated elements of an x-kubernetes-list-type=set list of strings.</summary>
    private static void UniqueValues(ValidationContext ctx, string path, List<string>? list)
    {
        if (list is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { } value && !seen.Add(value))
            {
                ctx.DuplicateValue($"{path}[{i}]", value);
            }
        }
    }

    private static void SectionName(ValidationContext ctx, string path, string? name) =>
        ctx.String(path, name, 1, 253, GatewayApiPatterns.SectionName);

    /// <summary>A Hostname field: the CRD pattern, plus the spec's "IP addresses are not allowed".</summary>
    private static void Hostname(ValidationContext ctx, string path, string? hostname)
    {
        ctx.String(path, hostname, 1, 253, GatewayApiPatterns.Hostname);
        if (hostname is not null && GatewayApiPatterns.Hostname.IsMatch(hostname) && IsIPAddress(hostname))
        {
            ctx.Error(path, $"Invalid value: {CrdSchemaChecks.Quote(hostname)}: must be a DNS name, not an IP address");
        }
    }

    private static void Hostnames(ValidationContext ctx, string path, List<string>? hostnames, int maxItems)
    {
        ctx.Items(path, hostnames, maxItems: maxItems);
        ForEach(ctx, path, hostnames, static (ctx, itemPath, hostname) => Hostname(ctx, itemPath, hostname), "string");
    }

    /// <summary>Strict address literals only: .NET would also read "1" or "1.2" as IPv4, which are valid DNS labels.</summary>
    private static bool IsIPAddress(string value) => IsIPv4OrIPv6(value);

    private static void ParentRefs(ValidationContext ctx, string path, List<ParentReference>? parents)
    {
        ctx.Items(path, parents, maxItems: 32);
        ForEach(ctx, path, parents, static (ctx, itemPath, parent) => ParentReference(ctx, itemPath, parent));
        if (parents is null)
        {
            return;
        }

        // CEL: several references to one parent must all name a section, and name distinct ones.
        var usable = parents.Where(p => p is not null).ToList();
        var mixed = false;
        var repeated = false;
        foreach (var p1 in usable)
        {
            var sameParent = usable.Where(p2 => SameParent(p1, p2)).ToList();
            mixed |= sameParent.Any(p2 => string.IsNullOrEmpty(p1.SectionName) != string.IsNullOrEmpty(p2.SectionName));
            repeated |= sameParent.Count(p2 => string.Equals(p1.SectionName ?? string.Empty, p2.SectionName ?? string.Empty, StringComparison.Ordinal)) != 1;
        }

        if (mixed)
        {
            ctx.Rule(path, "array", "sectionName must be specified when parentRefs includes 2 or more references to the same parent");
        }

        if (repeated)
        {
            ctx.Rule(path, "array", "sectionName must be unique when parentRefs includes 2 or more references to the same parent");
        }
    }

    private static bool SameParent(ParentReference a, ParentReference b) =>
        string.Equals(a.Group, b.Group, StringComparison.Ordinal)
        && string.Equals(a.Kind, b.Kind, StringComparison.Ordinal)
        && string.Equals(a.Name, b.Name, StringComparison.Ordinal)
        && string.Equals(a.Namespace ?? string.Empty, b.Namespace ?? string.Empty, StringComparison.Ordinal);

    private static void ParentReference(ValidationContext ctx, string path, ParentReference parent)
    {
        ctx.String($"{path}.group", parent.Group, 0, 253, GatewayApiPatterns.Group);
        ctx.String($"{path}.kind", parent.Kind, 1, 63, GatewayApiPatterns.Kind);
        ctx.String($"{path}.namespace", parent.Namespace, 1, 63, GatewayApiPatterns.Namespace);
        ctx.RequiredString($"{path}.name", parent.Name, 1, 253);
        SectionName(ctx, $"{path}.sectionName", parent.SectionName);
        ctx.Range($"{path}.port", parent.Port, 1, 65535);
    }

    /// <summary>A backend reference, including the CEL rule that a Service needs a port.</summary>
    private static void BackendReference(ValidationContext ctx, string path, IBackendObjectReference backend)
    {
        ctx.String($"{path}.group", backend.Group, 0, 253, GatewayApiPatterns.Group);
        ctx.String($"{path}.kind", backend.Kind, 1, 63, GatewayApiPatterns.Kind);
        ctx.RequiredString($"{path}.name", backend.Name, 1, 253);
        ctx.String($"{path}.namespace", backend.Namespace, 1, 63, GatewayApiPatterns.Namespace);
        ctx.Range($"{path}.port", backend.Port, 1, 65535);
        var isService = string.IsNullOrEmpty(backend.Group) && string.Equals(backend.Kind ?? "Service", "Service", StringComparison.Ordinal);
        if (isService && backend.Port is null)
        {
            ctx.Rule(path, "object", "Must have port for Service reference");
        }
    }

    private static void Weight(ValidationContext ctx, string path, int? weight) => ctx.Range(path, weight, 0, 1_000_000);

    private static void SecretReference(ValidationContext ctx, string path, SecretObjectReference secret)
    {
        ctx.String($"{path}.group", secret.Group, 0, 253, GatewayApiPatterns.Group);
        ctx.String($"{path}.kind", secret.Kind, 1, 63, GatewayApiPatterns.Kind);
        ctx.RequiredString($"{path}.name", secret.Name, 1, 253);
        ctx.String($"{path}.namespace", secret.Namespace, 1, 63, GatewayApiPatterns.Namespace);
    }

    private static void ObjectReference(ValidationContext ctx, string path, ObjectReference reference)
    {
        ctx.RequiredString($"{path}.group", reference.Group, 0, 253, GatewayApiPatterns.Group);
        ctx.RequiredString($"{path}.kind", reference.Kind, 1, 63, GatewayApiPatterns.Kind);
        ctx.RequiredString($"{path}.name", reference.Name, 1, 253);
        ctx.String($"{path}.namespace", reference.Namespace, 1, 63, GatewayApiPatterns.Namespace);
    }

    private static void LocalReference(ValidationContext ctx, string path, string? group, string? kind, string? name)
    {
        ctx.RequiredString($"{path}.group", group, 0, 253, GatewayApiPatterns.Group);
        ctx.RequiredString($"{path}.kind", kind, 1, 63, GatewayApiPatterns.Kind);
        ctx.RequiredString($"{path}.name", name, 1, 253);
    }

    private static void HeaderFilter(ValidationContext ctx, string path, HttpHeaderFilter filter)
    {
        HeaderList(ctx, $"{path}.set", filter.Set);
        HeaderList(ctx, $"{path}.add", filter.Add);
        ctx.Items($"{path}.remove", filter.Remove, maxItems: 16);
        ForEach(ctx, $"{path}.remove", filter.Remove, static (_, _, _) => { }, "string");
        UniqueValues(ctx, $"{path}.remove", filter.Remove);
    }

    private static void HeaderList(ValidationContext ctx, string path, List<HttpHeader>? headers)
    {
        ctx.Items(path, headers, maxItems: 16);
        ForEach(ctx, path, headers, static (ctx, itemPath, header) =>
        {
            ctx.RequiredString($"{itemPath}.name", header.Name, 1, 256, GatewayApiPatterns.HeaderName);
            ctx.RequiredString($"{itemPath}.value", header.Value, 1, 4096);
        });
        UniqueKeys(ctx, path, headers, "name", static h => h.Name);
    }

    private static void RequestMirror(ValidationContext ctx, string path, HttpRequestMirrorFilter mirror)
    {
        if (ctx.Present($"{path}.backendRef", mirror.BackendRef))
        {
            BackendReference(ctx, $"{path}.backendRef", mirror.BackendRef);
        }

        ctx.Range($"{path}.percent", mirror.Percent, 0, 100);
        if (mirror.Fraction is { } fraction)
        {
            ctx.Present($"{path}.fraction.numerator", fraction.Numerator);
            ctx.Range($"{path}.fraction.numerator", fraction.Numerator, minimum: 0);
            ctx.Range($"{path}.fraction.denominator", fraction.Denominator, minimum: 1);
            if (fraction.Numerator > (fraction.Denominator ?? 100))
            {
                ctx.Rule($"{path}.fraction", "object", "numerator must be less than or equal to denominator");
            }
        }

        if (mirror.Percent is not null && mirror.Fraction is not null)
        {
            ctx.Rule(path, "object", "Only one of percent or fraction may be specified in HTTPRequestMirrorFilter");
        }
    }

    /// <summary>Session persistence (experimental channel schema).</summary>
    private static void SessionPersistence(ValidationContext ctx, string path, SessionPersistence persistence)
    {
        ctx.String($"{path}.sessionName", persistence.SessionName, maxLength: 128);
        ctx.String($"{path}.absoluteTimeout", persistence.AbsoluteTimeout, pattern: GatewayApiPatterns.Duration);
        ctx.Enum($"{path}.type", persistence.Type, "Cookie", "Header");
        ctx.Enum($"{path}.cookieConfig.lifetimeType", persistence.CookieConfig?.LifetimeType, "Permanent", "Session");
        if (persistence.CookieConfig?.LifetimeType == "Permanent" && persistence.AbsoluteTimeout is null)
        {
            ctx.Rule(path, "object", "AbsoluteTimeout must be specified when cookie lifetimeType is Permanent");
        }

        if (persistence.CookieConfig is not null && (persistence.Type ?? "Cookie") != "Cookie")
        {
            ctx.Rule(path, "object", "cookieConfig can only be set with type Cookie");
        }
    }

    /// <summary>Our addition: a RegularExpression match must compile for the data plane (non-backtracking .NET regex).</summary>
    private static void RegularExpression(ValidationContext ctx, string path, string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            ctx.Error(path, $"Invalid value: {CrdSchemaChecks.Quote(pattern)}: must be a valid regular expression: {e.Message}");
        }
    }
}
