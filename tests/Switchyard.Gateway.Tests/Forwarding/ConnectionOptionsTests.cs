using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Switchyard.Gateway.Forwarding;

namespace Switchyard.Gateway.Tests.Forwarding;

public sealed class ConnectionOptionsTests
{
    [Fact]
    public void RemoveNominated_Request_DropsNamedFieldsKeepsOthersAndStandardOptions()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://backend.test/") { Content = new ByteArrayContent([1]) };
        request.Headers.TryAddWithoutValidation("X-Hop", "1");
        request.Headers.TryAddWithoutValidation("X-Other-Hop", "2");
        request.Headers.TryAddWithoutValidation("X-Keep", "3");
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        request.Content.Headers.TryAddWithoutValidation("Content-Language", "en");

        ConnectionOptions.RemoveNominated(new StringValues(["keep-alive, x-hop,,", " X-OTHER-HOP\t, Content-Language, te, bad token@, upgrade"]), request);

        Assert.False(request.Headers.Contains("X-Hop"));
        Assert.False(request.Headers.Contains("X-Other-Hop"));
        Assert.False(request.Content.Headers.Contains("Content-Language"));
        Assert.True(request.Headers.Contains("X-Keep"));
        Assert.True(request.Headers.Contains("TE"));
    }

    [Fact]
    public void RemoveNominated_Response_DropsFieldsTheBackendNamed()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Connection", "close, x-secret");
        var target = new HeaderDictionary { ["x-secret"] = "s", ["x-public"] = "p" };

        ConnectionOptions.RemoveNominated(response, target);

        Assert.False(target.ContainsKey("x-secret"));
        Assert.Equal("p", target["x-public"]);
    }

    [Fact]
    public void RemoveNominated_NoConnectionHeader_ChangesNothing()
    {
        using var response = new HttpResponseMessage();
        var target = new HeaderDictionary { ["x-public"] = "p" };
        ConnectionOptions.RemoveNominated(response, target);
        Assert.Single(target);
    }
}
