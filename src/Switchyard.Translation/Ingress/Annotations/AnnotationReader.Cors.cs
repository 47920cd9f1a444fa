using System.Globalization;
using System.Text.RegularExpressions;
using Switchyard.Ir;

namespace Switchyard.Translation.Ingress.Annotations;

internal sealed partial class AnnotationReader
{
    private CorsPolicy? Cors()
    {
        if (Bool("enable-cors") != true)
        {
            return null;
        }

        return new CorsPolicy
        {
            AllowOrigins = [.. CorsOrigins()],
            AllowMethods = [.. CorsList("cors-allow-methods", DefaultCorsMethods, MethodList())],
            AllowHeaders = [.. CorsList("cors-allow-headers", DefaultCorsHeaders, HeaderList())],
            ExposeHeaders = [.. CorsList("cors-expose-headers", string.Empty, ExposeList())],
            AllowCredentials = Bool("cors-allow-credentials") ?? true,
            MaxAge = TimeSpan.FromSeconds(CorsMaxAge()),
        };
    }

    private List<string> CorsOrigins()
    {
        if (!_values.TryGetValue("cors-allow-origin", out var entry))
        {
            return ["*"];
        }

        var origins = new List<string>();
        var invalid = new List<string>();
        foreach (var origin in NginxValues.List(entry.Value))
        {
            if (origin == "*")
            {
                return ["*"];
            }

            if (OriginPattern().IsMatch(origin))
            {
                origins.Add(origin.ToLowerInvariant());
            }
            else
            {
                invalid.Add(origin);
            }
        }

        if (invalid.Count > 0)
        {
            Warn(entry.Key, $"not origins of the form scheme://host[:port] (host may start with *.), left out: {string.Join(", ", invalid)}");
        }

        return origins;
    }

    private List<string> CorsList(string name, string fallback, Regex valid)
    {
        var text = fallback;
        if (_values.TryGetValue(name, out var entry))
        {
            if (valid.IsMatch(entry.Value))
            {
                text = entry.Value;
            }
            else
            {
                Warn(entry.Key, $"\"{entry.Value}\" is not a comma-separated list of names; the default is used");
            }
        }

        return NginxValues.List(text);
    }

    private int CorsMaxAge()
    {
        if (!_values.TryGetValue("cors-max-age", out var entry))
        {
            return DefaultCorsMaxAge;
        }

        if (int.TryParse(entry.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        Warn(entry.Key, string.Create(CultureInfo.InvariantCulture, $"\"{entry.Value}\" is not a number of seconds; {DefaultCorsMaxAge} is used"));
        return DefaultCorsMaxAge;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9+.\-]*://(\*\.)?[A-Za-z0-9\-.]+(:\d+)?$|^null$", RegexOptions.CultureInvariant)]
    private static partial Regex OriginPattern();

    [GeneratedRegex(@"^\s*[A-Za-z]+(\s*,\s*[A-Za-z]+)*\s*,?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MethodList();

    [GeneratedRegex(@"^\s*[A-Za-z0-9\-_]+(\s*,\s*[A-Za-z0-9\-_]+)*\s*,?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderList();

    [GeneratedRegex(@"^\s*([A-Za-z0-9\-_]+|\*)(\s*,\s*([A-Za-z0-9\-_]+|\*))*\s*,?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExposeList();
}
