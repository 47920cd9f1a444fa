using System.Globalization;
using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Cli.Commands;

/// <summary>
/// Parses a duration flag: the Gateway API duration syntax the manifests use (<c>1h</c>, <c>1m30s</c>, <c>500ms</c>;
/// GEP-2257), or a plain number of seconds like <c>--drain-timeout</c> takes.
/// </summary>
internal static class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        if (GatewayApiDuration.TryParse(text, out duration))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds <= TimeSpan.MaxValue.TotalSeconds / 2)
        {
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        duration = TimeSpan.Zero;
        return false;
    }
}
