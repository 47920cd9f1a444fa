using Switchyard.Resources.Store;

namespace Switchyard.Resources.Loading;

/// <summary>
/// Why an object (or a whole document) was refused, naming file, line, object and field:
/// <c>routes.yaml:14: HTTPRoute apps/web: spec.rules[0].matches[0].path.value: must start with "/"</c>.
/// </summary>
public sealed record LoadError(SourceLocation Location, ResourceKey? Object, string? Field, string Message)
{
    public override string ToString()
    {
        var text = Location.ToString() + ": ";
        if (Object is { } key)
        {
            text += key + ": ";
        }

        if (!string.IsNullOrEmpty(Field))
        {
            text += Field + ": ";
        }

        return text + Message;
    }
}
