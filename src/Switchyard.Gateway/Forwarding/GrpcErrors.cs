using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// Answers the gateway makes itself (no route, no endpoint, timeout, ...) in the form gRPC clients understand: a gRPC
/// call always gets HTTP 200 with the outcome in <c>grpc-status</c> and <c>grpc-message</c>. With no body the response
/// is "trailers-only" (gRPC over HTTP/2: one HEADERS frame ending the stream), which clients read as the call's status.
/// An HTTP error status would reach the application as an opaque UNKNOWN or INTERNAL instead.
/// </summary>
internal static class GrpcErrors
{
    // gRPC status codes (grpc/doc/statuscodes.md).
    public const int Unknown = 2;
    public const int DeadlineExceeded = 4;
    public const int PermissionDenied = 7;
    public const int ResourceExhausted = 8;
    public const int Unimplemented = 12;
    public const int Internal = 13;
    public const int Unavailable = 14;
    public const int Unauthenticated = 16;

    private static readonly StringValues GrpcContentType = new("application/grpc");
    private static readonly StringValues GrpcWebContentType = new("application/grpc-web");
    private static readonly StringValues GrpcWebTextContentType = new("application/grpc-web-text");

    /// <summary>
    /// Preallocated (status, message) header values per HTTP status the gateway answers with. Messages are plain
    /// printable ASCII without '%', so they need no percent-encoding (gRPC over HTTP/2, "Status-Message").
    /// </summary>
    private static readonly (StringValues Status, StringValues Message)[] Answers = Build();

    /// <summary>True for a gRPC (or gRPC-Web) call: its content type is <c>application/grpc</c> with any suffix.</summary>
    public static bool IsGrpc(HttpRequest request)
    {
        var contentType = request.Headers.ContentType;
        return contentType.Count == 1
            && contentType[0] is { } value
            && value.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)
            && (value.Length == 16 || value[16] is '+' or ';' or '-' or ' ');
    }

    /// <summary>The gRPC status for an answer the gateway would give with HTTP <paramref name="httpStatus"/>.</summary>
    public static int StatusFor(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status400BadRequest => Internal,
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => PermissionDenied,
        StatusCodes.Status404NotFound => Unimplemented,
        StatusCodes.Status413PayloadTooLarge => ResourceExhausted,

        // The gateway answers 500 only when a rule has no backend it can use (GRPCRoute: UNAVAILABLE).
        StatusCodes.Status500InternalServerError => Unavailable,
        StatusCodes.Status429TooManyRequests or StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable => Unavailable,
        StatusCodes.Status504GatewayTimeout => DeadlineExceeded,
        _ => Unknown,
    };

    /// <summary>The name of a gRPC status code (grpc/doc/statuscodes.md), e.g. <c>UNIMPLEMENTED</c> for 12.</summary>
    public static string Name(int status) => status switch
    {
        0 => "OK",
        1 => "CANCELLED",
        Unknown => "UNKNOWN",
        3 => "INVALID_ARGUMENT",
        DeadlineExceeded => "DEADLINE_EXCEEDED",
        5 => "NOT_FOUND",
        6 => "ALREADY_EXISTS",
        PermissionDenied => "PERMISSION_DENIED",
        ResourceExhausted => "RESOURCE_EXHAUSTED",
        9 => "FAILED_PRECONDITION",
        10 => "ABORTED",
        11 => "OUT_OF_RANGE",
        Unimplemented => "UNIMPLEMENTED",
        Internal => "INTERNAL",
        Unavailable => "UNAVAILABLE",
        15 => "DATA_LOSS",
        Unauthenticated => "UNAUTHENTICATED",
        _ => "status " + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Answers the call with the gRPC status standing for <paramref name="httpStatus"/>; the response must not have
    /// started. Response header modifiers may still be applied by the caller afterwards.
    /// </summary>
    public static void Write(HttpContext context, int httpStatus)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        headers.ContentType = ContentTypeFor(context.Request);
        var (status, message) = httpStatus is >= 400 and < 600 ? Answers[httpStatus - 400] : Answers[^1];
        headers["grpc-status"] = status;
        headers["grpc-message"] = message;
    }

    private static StringValues ContentTypeFor(HttpRequest request)
    {
        var value = request.Headers.ContentType.ToString();
        if (value.StartsWith("application/grpc-web-text", StringComparison.OrdinalIgnoreCase))
        {
            return GrpcWebTextContentType;
        }

        return value.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase) ? GrpcWebContentType : GrpcContentType;
    }

    private static (StringValues, StringValues)[] Build()
    {
        // Index = HTTP status - 400; the extra last entry is for anything else.
        var answers = new (StringValues, StringValues)[201];
        for (var i = 0; i < answers.Length; i++)
        {
            var httpStatus = 400 + i;
            var message = httpStatus switch
            {
                StatusCodes.Status403Forbidden => "client address not allowed by the route",
                StatusCodes.Status404NotFound => "no route matches the call",
                StatusCodes.Status413PayloadTooLarge => "request message too large for the route",
                StatusCodes.Status500InternalServerError => "the route has no usable backend",
                StatusCodes.Status502BadGateway => "the backend failed",
                StatusCodes.Status503ServiceUnavailable => "no backend endpoint available",
                StatusCodes.Status504GatewayTimeout => "the backend did not answer in time",
                _ => "gateway error " + httpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            answers[i] = (new StringValues(StatusFor(httpStatus).ToString(System.Globalization.CultureInfo.InvariantCulture)), new StringValues(message));
        }

        return answers;
    }
}
