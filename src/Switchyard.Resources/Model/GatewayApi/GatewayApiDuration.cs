namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>
/// Gateway API durations (GEP-2257): one to four parts of up to five digits, each with unit h, m, s or ms,
/// e.g. "1h", "1m30s", "500ms". This is a strict subset of Go's time.ParseDuration syntax.
/// </summary>
public static class GatewayApiDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            var digits = i - start;
            if (digits is 0 or > 5 || i == text.Length)
            {
                return false;
            }

            long value = int.Parse(text.AsSpan(start, digits), System.Globalization.CultureInfo.InvariantCulture);
            long milliseconds;
            if (text[i] == 'h')
            {
                milliseconds = value * 3_600_000;
                i++;
            }
            else if (text[i] == 'm' && i + 1 < text.Length && text[i + 1] == 's')
            {
                milliseconds = value;
                i += 2;
            }
            else if (text[i] == 'm')
            {
                milliseconds = value * 60_000;
                i++;
            }
            else if (text[i] == 's')
            {
                milliseconds = value * 1_000;
                i++;
            }
            else
            {
                return false;
            }

            if (++parts > 4)
            {
                return false;
            }

            duration += TimeSpan.FromMilliseconds(milliseconds);
        }

        return true;
    }
}
