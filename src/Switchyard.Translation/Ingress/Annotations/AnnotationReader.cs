using System.Globalization;
using System.Text.RegularExpressions;
using Switchyard.Ir;
using Switchyard.Resources.Store;

namespace Switchyard.Translation.Ingress.Annotations;

/// <summary>
/// Reads the <c>nginx.ingress.kubernetes.io/</c> and <c>switchyard.dev/</c> annotations of one Ingress (the latter
/// wins when both are set) into <see cref="IngressSettings"/>. Unknown, unsupported and snippet annotations, and values
/// that cannot be read, become warnings; a value that cannot be read leaves the default in place.
/// </summary>
internal sealed partial class AnnotationReader
{
    private const string DefaultCorsMethods = "GET, PUT, POST, DELETE, PATCH, OPTIONS";
    private const string DefaultCorsHeaders = "DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization";
    private const int DefaultCorsMaxAge = 1728000;

    private readonly TranslationContext _ctx;
    private readonly ResourceKey _key;
    private readonly SortedDictionary<string, (string Key, string Value)> _values = new(StringComparer.Ordinal);

    private AnnotationReader(TranslationContext ctx, ResourceKey key, IDictionary<string, string>? annotations)
    {
        _ctx = ctx;
        _key = key;
        foreach (var (annotation, value) in (annotations ?? new Dictionary<string, string>()).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            string name;
            bool ours;
            if (annotation.StartsWith(AnnotationCatalog.NginxPrefix, StringComparison.Ordinal))
            {
                name = annotation[AnnotationCatalog.NginxPrefix.Length..];
                ours = false;
            }
            else if (annotation.StartsWith(AnnotationCatalog.SwitchyardPrefix, StringComparison.Ordinal))
            {
                name = annotation[AnnotationCatalog.SwitchyardPrefix.Length..];
                ours = true;
            }
            else
            {
                continue;
            }

            var text = value ?? string.Empty;
            if (!_values.TryGetValue(name, out var existing))
            {
                _values[name] = (annotation, text);
                continue;
            }

            var (winner, loser) = ours ? ((annotation, text), existing) : (existing, (annotation, text));
            _values[name] = winner;
            if (!string.Equals(winner.Item2, loser.Item2, StringComparison.Ordinal))
            {
                Warn(loser.Item1, $"overridden by {winner.Item1}");
            }
        }
    }

    public static IngressSettings Read(TranslationContext ctx, ResourceKey key, IDictionary<string, string>? annotations) =>
        new AnnotationReader(ctx, key, annotations).Parse();

    private IngressSettings Parse()
    {
        var canary = Bool("canary") ?? false;
        var failClosed = new List<string>();
        foreach (var (name, (key, _)) in _values)
        {
            var support = AnnotationCatalog.Find(name);
            var isCanaryOption = name.StartsWith("canary", StringComparison.Ordinal);
            if (canary && !isCanaryOption && support is not null)
            {
                Warn(key, "ignored on a canary Ingress (the main Ingress's annotations apply to its paths)");
                continue;
            }

            switch (support)
            {
                case null:
                    Warn(key, "unknown annotation; ignored", WarningCodes.IngressAnnotationUnknown);
                    break;
                case AnnotationSupport.Snippet:
                    Warn(key, "raw nginx configuration is never executed; ignored", WarningCodes.IngressAnnotationSnippet);
                    break;
                case AnnotationSupport.FailClosed:
                    Warn(key, "not supported; every path of this Ingress answers 503 so that what it protects is never served unprotected", WarningCodes.IngressAnnotationFailClosed);
                    failClosed.Add(key);
                    break;
                case AnnotationSupport.Unsupported:
                    Warn(key, "not supported; ignored", WarningCodes.IngressAnnotationUnsupported);
                    break;
                case AnnotationSupport.Supported when !canary && isCanaryOption && name != "canary":
                    Warn(key, "has no effect without canary: \"true\"");
                    break;
            }
        }

        if (canary)
        {
            return new IngressSettings { Canary = Canary() };
        }

        var settings = new IngressSettings
        {
            UseRegex = Bool("use-regex") ?? false,
            RewriteTarget = RewriteTarget(),
            AppRoot = AppRoot(),
            SslRedirect = Bool("ssl-redirect") ?? true,
            ForceSslRedirect = Bool("force-ssl-redirect") ?? false,
            Redirect = Redirect(),
            MaxBodySize = BodySize(),
            Backend = Backend(),
            Cors = Cors(),
            UpstreamVhost = HeaderValue("upstream-vhost"),
            ForwardedPrefix = HeaderValue("x-forwarded-prefix"),
        };

        var (ranges, noneValid) = SourceRanges();
        settings = settings with { SourceRanges = [.. ranges] };
        if (noneValid is not null)
        {
            failClosed.Add(noneValid);
        }

        return failClosed.Count == 0 ? settings : settings with { FailClosed = string.Join(", ", failClosed) };
    }

    private CanarySettings Canary()
    {
        var header = NonEmpty("canary-by-header");
        var headerValue = NonEmpty("canary-by-header-value");
        var headerPattern = NonEmpty("canary-by-header-pattern");
        if (header is null)
        {
            foreach (var dependent in new[] { "canary-by-header-value", "canary-by-header-pattern" })
            {
                if (_values.TryGetValue(dependent, out var entry))
                {
                    Warn(entry.Key, "has no effect without canary-by-header");
                }
            }

            headerValue = null;
            headerPattern = null;
        }

        if (headerPattern is not null && !IsRegex(headerPattern))
        {
            Warn(_values["canary-by-header-pattern"].Key, $"\"{headerPattern}\" is not a supported regular expression; ignored");
            headerPattern = null;
        }

        var total = 100;
        if (Int("canary-weight-total") is { } givenTotal)
        {
            if (givenTotal > 0)
            {
                total = givenTotal;
            }
            else
            {
                Warn(_values["canary-weight-total"].Key, "must be above 0; 100 is used");
            }
        }

        var weight = 0;
        if (Int("canary-weight") is { } givenWeight)
        {
            weight = Math.Clamp(givenWeight, 0, total);
            if (weight != givenWeight)
            {
                Warn(_values["canary-weight"].Key, string.Create(CultureInfo.InvariantCulture, $"must be between 0 and {total}; {weight} is used"));
            }
        }

        return new CanarySettings
        {
            Header = header,
            HeaderValue = headerValue,
            HeaderPattern = headerValue is null ? headerPattern : null,
            Cookie = NonEmpty("canary-by-cookie"),
            Weight = weight,
            WeightTotal = total,
        };
    }

    private string? RewriteTarget()
    {
        var target = HeaderValue("rewrite-target");
        if (target is not null && target.Contains('?', StringComparison.Ordinal))
        {
            Warn(_values["rewrite-target"].Key, "a query string in the target is not supported; ignored");
            return null;
        }

        return target;
    }

    private string? AppRoot()
    {
        var root = HeaderValue("app-root");
        if (root is not null && !root.StartsWith('/'))
        {
            Warn(_values["app-root"].Key, $"\"{root}\" must be a path starting with /; ignored");
            return null;
        }

        return root;
    }

    private FixedRedirect? Redirect()
    {
        // As in ingress-nginx, a temporal redirect takes precedence over a permanent one.
        if (HeaderValue("temporal-redirect") is { } temporal)
        {
            if (!temporal.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !temporal.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                Warn(_values["temporal-redirect"].Key, $"\"{temporal}\" must be an http or https URL; ignored");
            }
            else
            {
                if (_values.TryGetValue("permanent-redirect", out var permanentEntry))
                {
                    Warn(permanentEntry.Key, "ignored: temporal-redirect takes precedence");
                }

                return new FixedRedirect(temporal, Code("temporal-redirect-code", 302, 300, 307));
            }
        }

        if (HeaderValue("permanent-redirect") is { } permanent)
        {
            return new FixedRedirect(permanent, Code("permanent-redirect-code", 301, 300, 308));
        }

        return null;
    }

    private int Code(string name, int fallback, int min, int max)
    {
        if (Int(name) is not { } code)
        {
            return fallback;
        }

        if (code < min || code > max)
        {
            Warn(_values[name].Key, string.Create(CultureInfo.InvariantCulture, $"{code} is not between {min} and {max}; {fallback} is used"));
            return fallback;
        }

        return code;
    }

    private long? BodySize()
    {
        if (!_values.TryGetValue("proxy-body-size", out var entry))
        {
            return null;
        }

        if (!NginxValues.TrySize(entry.Value, out var bytes))
        {
            Warn(entry.Key, $"\"{entry.Value}\" is not a size such as 8m, 512k or 0; ignored");
        }

        return bytes;
    }

    private BackendSettings Backend()
    {
        BackendProtocol? protocol = null;
        if (_values.TryGetValue("backend-protocol", out var entry))
        {
            switch (entry.Value.Trim().ToUpperInvariant())
            {
                case "HTTP":
                    protocol = BackendProtocol.Http1;
                    break;
                case "HTTPS" or "GRPCS":
                    protocol = BackendProtocol.Https;
                    break;
                case "GRPC":
                    protocol = BackendProtocol.H2C;
                    break;
                case "AUTO_HTTP" or "FCGI":
                    Warn(entry.Key, $"{entry.Value} is not supported; the Service port's protocol is used");
                    break;
                default:
                    Warn(entry.Key, $"\"{entry.Value}\" is not one of HTTP, HTTPS, GRPC, GRPCS; ignored");
                    break;
            }
        }

        var read = Seconds("proxy-read-timeout");
        var send = Seconds("proxy-send-timeout");
        return new BackendSettings
        {
            Protocol = protocol,
            ConnectTimeout = Seconds("proxy-connect-timeout"),

            // One idle timeout covers both directions: the longer of the two, so neither cuts an exchange short.
            ReadTimeout = read is null ? send : send is null ? read : (read > send ? read : send),
        };
    }

    private (List<string> Ranges, string? NoneValid) SourceRanges()
    {
        var name = _values.ContainsKey("allowlist-source-range") ? "allowlist-source-range" : "whitelist-source-range";
        if (name == "allowlist-source-range" && _values.TryGetValue("whitelist-source-range", out var alias))
        {
            Warn(alias.Key, $"ignored: {_values[name].Key} is also set");
        }

        if (!_values.TryGetValue(name, out var entry))
        {
            return ([], null);
        }

        var invalid = new List<string>();
        var ranges = NginxValues.Cidrs(entry.Value, invalid);
        if (invalid.Count > 0)
        {
            Warn(entry.Key, $"not CIDRs or addresses, left out: {string.Join(", ", invalid)}");
        }

        if (ranges.Count == 0)
        {
            Warn(entry.Key, "no entry can be read; every path of this Ingress answers 503 rather than letting every client in");
            return ([], entry.Key);
        }

        return (ranges, null);
    }

    private bool? Bool(string name)
    {
        if (!_values.TryGetValue(name, out var entry))
        {
            return null;
        }

        if (NginxValues.TryBool(entry.Value, out var value))
        {
            return value;
        }

        Warn(entry.Key, $"\"{entry.Value}\" is not \"true\" or \"false\"; ignored");
        return null;
    }

    private int? Int(string name)
    {
        if (!_values.TryGetValue(name, out var entry))
        {
            return null;
        }

        if (NginxValues.TryInt(entry.Value, out var value))
        {
            return value;
        }

        Warn(entry.Key, $"\"{entry.Value}\" is not a whole number; ignored");
        return null;
    }

    private TimeSpan? Seconds(string name)
    {
        if (!_values.TryGetValue(name, out var entry))
        {
            return null;
        }

        if (NginxValues.TrySeconds(entry.Value, out var value))
        {
            return value;
        }

        Warn(entry.Key, $"\"{entry.Value}\" is not a number of seconds above 0; ignored");
        return null;
    }

    private string? NonEmpty(string name) =>
        _values.TryGetValue(name, out var entry) && entry.Value.Trim().Length > 0 ? entry.Value.Trim() : null;

    /// <summary>A value that ends up in an HTTP header: non-empty, one line.</summary>
    private string? HeaderValue(string name)
    {
        var value = NonEmpty(name);
        if (value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            Warn(_values[name].Key, "must be a single line; ignored");
            return null;
        }

        return value;
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private void Warn(string annotation, string message, string? code = null) => _ctx.Warn(_key, $"metadata.annotations[{annotation}]", message, code);
}
