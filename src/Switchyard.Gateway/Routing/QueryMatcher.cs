using System.Buffers;
using Switchyard.Ir;

namespace Switchyard.Gateway.Routing;

/// <summary>
/// One query parameter condition, evaluated over the raw query string without allocating. The name compares exactly
/// after percent-decoding; when the parameter is repeated only its first occurrence counts.
/// </summary>
internal sealed class QueryMatcher(string name, ValueMatcher value)
{
    private const int StackLimit = 256;

    public string Name { get; } = name;

    public static QueryMatcher Create(StringMatch match, ICollection<string> problems) =>
        new(match.Name, ValueMatcher.Create(match, problems));

    /// <param name="query">The raw query string, with or without its leading <c>?</c>.</param>
    public bool IsMatch(ReadOnlySpan<char> query)
    {
        if (!query.IsEmpty && query[0] == '?')
        {
            query = query[1..];
        }

        while (!query.IsEmpty)
        {
            var amp = query.IndexOf('&');
            var pair = amp < 0 ? query : query[..amp];
            query = amp < 0 ? default : query[(amp + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            var rawName = eq < 0 ? pair : pair[..eq];
            var rawValue = eq < 0 ? default : pair[(eq + 1)..];
            if (DecodedEquals(rawName, Name))
            {
                return DecodedMatches(rawValue, value);
            }
        }

        return false;
    }

    /// <summary>
    /// The decoded value of the first parameter called <paramref name="parameterName"/> (what <see cref="IsMatch"/>
    /// compares), or null when absent; for diagnostics, it allocates.
    /// </summary>
    public static string? FirstValue(ReadOnlySpan<char> query, string parameterName)
    {
        if (!query.IsEmpty && query[0] == '?')
        {
            query = query[1..];
        }

        while (!query.IsEmpty)
        {
            var amp = query.IndexOf('&');
            var pair = amp < 0 ? query : query[..amp];
            query = amp < 0 ? default : query[(amp + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            var rawName = eq < 0 ? pair : pair[..eq];
            if (DecodedEquals(rawName, parameterName))
            {
                var rawValue = eq < 0 ? default : pair[(eq + 1)..];
                var buffer = new char[Math.Max(rawValue.Length * 2, 1)];
                return (NeedsDecoding(rawValue) ? Decode(rawValue, buffer) : rawValue).ToString();
            }
        }

        return null;
    }

    private static bool NeedsDecoding(ReadOnlySpan<char> raw) => raw.IndexOfAny('%', '+') >= 0;

    private static bool DecodedEquals(ReadOnlySpan<char> raw, string expected)
    {
        if (!NeedsDecoding(raw))
        {
            return raw.SequenceEqual(expected);
        }

        char[]? rented = null;
        var buffer = raw.Length * 2 <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(raw.Length * 2));
        try
        {
            return Decode(raw, buffer).SequenceEqual(expected);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool DecodedMatches(ReadOnlySpan<char> raw, ValueMatcher matcher)
    {
        if (!NeedsDecoding(raw))
        {
            return matcher.IsMatch(raw);
        }

        char[]? rented = null;
        var buffer = raw.Length * 2 <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(raw.Length * 2));
        try
        {
            return matcher.IsMatch(Decode(raw, buffer));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Form-style decoding ('+' is a space, %XX as UTF-8); needs a buffer of twice the input length.</summary>
    private static ReadOnlySpan<char> Decode(ReadOnlySpan<char> raw, Span<char> buffer)
    {
        var plusDecoded = buffer[..raw.Length];
        raw.Replace(plusDecoded, '+', ' ');
        var output = buffer[raw.Length..];
        return Uri.TryUnescapeDataString(plusDecoded, output, out var written) ? output[..written] : plusDecoded;
    }
}
