using System.Buffers;

namespace Switchyard.Gateway.Routing;

/// <summary>A stack-first string builder for the few strings the request path must build (e.g. a Location).</summary>
internal ref struct ValueStringBuilder
{
    private char[]? _rented;
    private Span<char> _chars;
    private int _length;

    public ValueStringBuilder(Span<char> initial)
    {
        _chars = initial;
        _rented = null;
        _length = 0;
    }

    public void Append(char value)
    {
        Reserve(1);
        _chars[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<char> value)
    {
        Reserve(value.Length);
        value.CopyTo(_chars[_length..]);
        _length += value.Length;
    }

    public override string ToString()
    {
        var result = new string(_chars[.._length]);
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
            _rented = null;
        }

        return result;
    }

    private void Reserve(int extra)
    {
        if (_length + extra <= _chars.Length)
        {
            return;
        }

        var grown = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + extra));
        _chars[.._length].CopyTo(grown);
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
        }

        _rented = grown;
        _chars = grown;
    }
}
