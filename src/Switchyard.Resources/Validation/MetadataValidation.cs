using System.Text.RegularExpressions;
using k8s.Models;
using Switchyard.Resources.Model;

namespace Switchyard.Resources.Validation;

/// <summary>ObjectMeta checks every kind shares (apimachinery's ValidateObjectMeta): name and namespace syntax.</summary>
public static partial class MetadataValidation
{
    public static void Validate(V1ObjectMeta meta, KindInfo info, ValidationContext ctx)
    {
        var name = meta.Name ?? string.Empty;
        if (name.Length > 253 || !Dns1123Subdomain().IsMatch(name))
        {
            ctx.Error("metadata.name", $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
        }

        if (info.Namespaced)
        {
            var ns = meta.NamespaceProperty ?? string.Empty;
            if (ns.Length > 63 || !Dns1123Label().IsMatch(ns))
            {
                ctx.Error("metadata.namespace", $"Invalid value: \"{ns}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();
}
