using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Switchyard.Gateway.Telemetry;

/// <summary>
/// The response body feature with its stream counted (YARP copies a backend's body into <c>Response.Body</c>);
/// everything else goes to Kestrel's own feature, so buffering, trailers and completion behave as without it.
/// </summary>
internal sealed class CountingResponseBodyFeature(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
{
    private readonly CountingStream _stream = new(inner.Stream);

    public long BytesWritten => _stream.BytesWritten;

    public Stream Stream => _stream;

    public PipeWriter Writer => inner.Writer;

    public Task CompleteAsync() => inner.CompleteAsync();

    public void DisableBuffering() => inner.DisableBuffering();

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        inner.SendFileAsync(path, offset, count, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);
}
