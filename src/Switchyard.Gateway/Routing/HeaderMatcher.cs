using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Switchyard.Ir;

namespace Switchyard.Gateway.Routing;

/// <summary>
/// One header condition. The name compares case-insensitively (the header dictionary does that); when the header is
/// repeated, any one of its values may match.
/// </summary>
internal sealed class HeaderMatcher(string name, ValueMatcher value)
{
    public string Name { get; } = name;

    public static HeaderMatcher Create(StringMatch match, ICollection<string> problems) =>
        new(match.Name, ValueMatcher.Create(match, problems));

    public bool IsMatch(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue(Name, out StringValues values))
        {
            return false;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (value.IsMatch(values[i]))
            {
                return true;
            }
        }

        return false;
    }
}
