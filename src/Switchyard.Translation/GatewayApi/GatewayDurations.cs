namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Gateway API durations (GEP-2257): one to four parts of 1-5 digits followed by h, m, s or ms, e.g. "10s", "1m30s",
/// "500ms". A strict subset of Go's time.ParseDuration, so anything else is refused rather than guessed.
/// </summary>
internal static class GatewayDurations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var total = 0L;
        var parts = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var number = 0L;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                number = (number * 10) + (text[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits is 0 or > 5 || i >= text.Length)
            {
                return false;
            }

            long unitMs;
            if (text[i] == 'h')
            {
                unitMs = 3_600_000;
                i++;
            }
            else if (text[i] == 'm' && i + 1 < text.Length && text[i + 1] == 's')
            {
                unitMs = 1;
                i += 2;
            }
            else if (text[i] == 'm')
            {
                unitMs = 60_000;
                i++;
            }
            else if (text[i] == 's')
            {
                unitMs = 1_000;
                i++;
            }
            else
            {
                return false;
            }

            total += number * unitMs;
            if (++parts > 4)
            {
                return false;
            }
        }

        value = TimeSpan.FromMilliseconds(total);
        return true;
    }
}
