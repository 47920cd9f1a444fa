using Switchyard.Resources.Model.GatewayApi;
using static Switchyard.Resources.Tests.GatewayApi.GatewayApiFixture;

namespace Switchyard.Resources.Tests.GatewayApi;

public sealed class HttpRouteValidationTests
{
    private const string PathPattern = "^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$";

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "hostnames": ["1", "10.0.0", "1-2-3-4.example.com"] }""")]
    [InlineData("""{ "parentRefs": [{ "name": "gw" }], "hostnames": ["example.com", "*.example.org"], "rules": [{ "backendRefs": [{ "name": "web", "port": 80 }] }] }""")]
    [InlineData("""{ "parentRefs": [{ "name": "gw", "sectionName": "a" }, { "name": "gw", "sectionName": "b" }, { "name": "gw", "namespace": "other" }, { "name": "gw2", "port": 8080 }] }""")]
    [InlineData("""{ "rules": [{ "name": "r1", "matches": [{ "path": { "type": "Exact", "value": "/a/b%20c" }, "headers": [{ "name": "x-a", "value": "1" }, { "name": "x-b", "type": "RegularExpression", "value": "^v[0-9]+$" }], "queryParams": [{ "name": "q", "value": "1" }], "method": "POST" }, { "path": { "type": "RegularExpression", "value": "/api/.*" } }] }] }""")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "type": "PathPrefix", "value": "/api" } }], "filters": [{ "type": "URLRewrite", "urlRewrite": { "hostname": "internal.example.com", "path": { "type": "ReplacePrefixMatch", "replacePrefixMatch": "/v2" } } }, { "type": "RequestHeaderModifier", "requestHeaderModifier": { "set": [{ "name": "a", "value": "1" }], "add": [{ "name": "b", "value": "2" }], "remove": ["c"] } }, { "type": "ResponseHeaderModifier", "responseHeaderModifier": { "remove": ["server"] } }, { "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 80 }, "percent": 50 } }, { "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "n", "port": 80 }, "fraction": { "numerator": 1, "denominator": 3 } } }, { "type": "ExtensionRef", "extensionRef": { "group": "example.com", "kind": "Filter", "name": "f" } }, { "type": "CORS", "cors": { "allowOrigins": ["https://*.example.com", "http://a.example.com:8080"], "allowMethods": ["GET", "POST"], "allowHeaders": ["x-a"], "exposeHeaders": ["x-b"], "allowCredentials": true, "maxAge": 10 } }], "backendRefs": [{ "name": "web", "port": 80, "weight": 0 }, { "group": "example.com", "kind": "Bucket", "name": "b" }] }] }""")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": { "scheme": "https", "hostname": "example.com", "port": 443, "statusCode": 301, "path": { "type": "ReplaceFullPath", "replaceFullPath": "/" } } }] }] }""")]
    [InlineData("""{ "rules": [{ "backendRefs": [{ "name": "web", "port": 80, "filters": [{ "type": "RequestHeaderModifier", "requestHeaderModifier": { "set": [{ "name": "a", "value": "1" }] } }] }], "timeouts": { "request": "1m", "backendRequest": "59s" } }] }""")]
    [InlineData("""{ "rules": [{ "timeouts": { "request": "0s", "backendRequest": "1h" } }] }""")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "value": "/v1" } }], "filters": [{ "type": "CORS", "cors": { "allowOrigins": ["*"], "allowMethods": ["*"], "allowHeaders": ["*"] } }] }] }""")]
    [InlineData("""{ "rules": [{ "retry": { "codes": [500, 503], "attempts": 3, "backoff": "100ms" }, "sessionPersistence": { "type": "Cookie", "absoluteTimeout": "1h", "cookieConfig": { "lifetimeType": "Permanent" } } }] }""")]
    public void HttpRoute_ValidSpec_HasNoErrors(string spec) => AssertValid(Validate<HttpRoute>(spec));

    [Theory]
    // Parent references.
    [InlineData("""{ "parentRefs": [{ "namespace": "a" }] }""", "spec.parentRefs[0].name", "Required value")]
    [InlineData("""{ "parentRefs": [{ "name": "" }] }""", "spec.parentRefs[0].name", "Invalid value: \"\": spec.parentRefs[0].name in body should be at least 1 chars long")]
    [InlineData("""{ "parentRefs": [{ "name": "gw", "kind": "1Gateway" }] }""", "spec.parentRefs[0].kind", "Invalid value: \"1Gateway\": spec.parentRefs[0].kind in body should match '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$'")]
    [InlineData("""{ "parentRefs": [{ "name": "gw", "sectionName": "Http" }] }""", "spec.parentRefs[0].sectionName", "Invalid value: \"Http\": spec.parentRefs[0].sectionName in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "parentRefs": [{ "name": "gw", "port": 0 }] }""", "spec.parentRefs[0].port", "Invalid value: 0: spec.parentRefs[0].port in body should be greater than or equal to 1")]
    [InlineData("""{ "parentRefs": [{ "name": "gw" }, { "name": "gw", "sectionName": "a" }] }""", "spec.parentRefs", "Invalid value: \"array\": sectionName must be specified when parentRefs includes 2 or more references to the same parent")]
    [InlineData("""{ "parentRefs": [{ "name": "gw", "sectionName": "a" }, { "name": "gw", "sectionName": "a" }] }""", "spec.parentRefs", "Invalid value: \"array\": sectionName must be unique when parentRefs includes 2 or more references to the same parent")]
    [InlineData("""{ "parentRefs": [{ "name": "gw", "port": 80 }, { "name": "gw", "port": 81 }] }""", "spec.parentRefs", "Invalid value: \"array\": sectionName must be unique when parentRefs includes 2 or more references to the same parent")]
    // Hostnames.
    [InlineData("""{ "hostnames": ["Example.com"] }""", "spec.hostnames[0]", "Invalid value: \"Example.com\": spec.hostnames[0] in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "hostnames": ["foo.*.com"] }""", "spec.hostnames[0]", "Invalid value: \"foo.*.com\": spec.hostnames[0] in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "hostnames": ["*foo.com"] }""", "spec.hostnames[0]", "Invalid value: \"*foo.com\": spec.hostnames[0] in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "hostnames": ["10.0.0.1"] }""", "spec.hostnames[0]", "Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address")]
    [InlineData("""{ "hostnames": [""] }""", "spec.hostnames[0]", "Invalid value: \"\": spec.hostnames[0] in body should be at least 1 chars long")]
    [InlineData("""{ "hostnames": [null] }""", "spec.hostnames[0]", "Invalid value: \"null\": spec.hostnames[0] in body must be of type string: \"null\"")]
    // Rules and matches.
    [InlineData("""{ "rules": [] }""", "spec.rules", "Invalid value: 0: spec.rules in body should have at least 1 items")]
    [InlineData("""{ "rules": [{ "name": "Main" }] }""", "spec.rules[0].name", "Invalid value: \"Main\": spec.rules[0].name in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "type": "Glob", "value": "/a" } }] }] }""", "spec.rules[0].matches[0].path.type", "Unsupported value: \"Glob\": supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\"")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "type": "Glob", "value": "/a" } }] }] }""", "spec.rules[0].matches[0].path", "Invalid value: \"object\": type must be one of ['Exact', 'PathPrefix', 'RegularExpression']")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "value": "api" } }] }] }""", "spec.rules[0].matches[0].path", "Invalid value: \"object\": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "type": "Exact", "value": "/a//b" } }] }] }""", "spec.rules[0].matches[0].path", "Invalid value: \"object\": must not contain '//' when type one of ['Exact', 'PathPrefix']")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "value": "/a/./b" } }] }] }""", "spec.rules[0].matches[0].path", "Invalid value: \"object\": must not contain '/./' when type one of ['Exact', 'PathPrefix']")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "value": "/a/../b" } }] }] }""", "spec.rules[0].matches[0].path", "Invalid value: \"object\": must not contain '/../' when type one of ['Exact', 'PathPrefix']")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "value": "/a%2fb" } }] }] }""", "spec.rules[0].matches[0].path", "Invalid value: \"object\": must not contain '%2f' when type one of ['Exact', 'PathPrefix']")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "value": "/a%2Fb" } }] }] }""", "spec.rules[0].matches[0].path", "Invalid value: \"object\": must not contain '%2F' when type one of ['Exact', 'PathPrefix']")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "value": "/a#b" } }] }] }""", "spec.rules[0].matches[0].path", "Invalid value: \"object\": must not contain '#' when type one of ['Exact', 'PathPrefix']")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "value": "/a/.." } }] }] }""", "spec.rules[0].matches[0].path", "Invalid value: \"object\": must not end with '/..' when type one of ['Exact', 'PathPrefix']")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "value": "/a/." } }] }] }""", "spec.rules[0].matches[0].path", "Invalid value: \"object\": must not end with '/.' when type one of ['Exact', 'PathPrefix']")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "value": "/a b" } }] }] }""", "spec.rules[0].matches[0].path", "Invalid value: \"object\": must only contain valid characters (matching " + PathPattern + ") for types ['Exact', 'PathPrefix']")]
    [InlineData("""{ "rules": [{ "matches": [{ "headers": [{ "value": "1" }] }] }] }""", "spec.rules[0].matches[0].headers[0].name", "Required value")]
    [InlineData("""{ "rules": [{ "matches": [{ "headers": [{ "name": "x a", "value": "1" }] }] }] }""", "spec.rules[0].matches[0].headers[0].name", "Invalid value: \"x a\": spec.rules[0].matches[0].headers[0].name in body should match '^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$'")]
    [InlineData("""{ "rules": [{ "matches": [{ "headers": [{ "name": "x", "value": "" }] }] }] }""", "spec.rules[0].matches[0].headers[0].value", "Invalid value: \"\": spec.rules[0].matches[0].headers[0].value in body should be at least 1 chars long")]
    [InlineData("""{ "rules": [{ "matches": [{ "headers": [{ "name": "x", "type": "Prefix", "value": "1" }] }] }] }""", "spec.rules[0].matches[0].headers[0].type", "Unsupported value: \"Prefix\": supported values: \"Exact\", \"RegularExpression\"")]
    [InlineData("""{ "rules": [{ "matches": [{ "headers": [{ "name": "x", "value": "1" }, { "name": "x", "value": "2" }] }] }] }""", "spec.rules[0].matches[0].headers[1]", "Duplicate value: map[string]interface {}{\"name\":\"x\"}")]
    [InlineData("""{ "rules": [{ "matches": [{ "queryParams": [{ "name": "q" }] }] }] }""", "spec.rules[0].matches[0].queryParams[0].value", "Required value")]
    [InlineData("""{ "rules": [{ "matches": [{ "queryParams": [{ "name": "q", "value": "a", "type": "Contains" }] }] }] }""", "spec.rules[0].matches[0].queryParams[0].type", "Unsupported value: \"Contains\": supported values: \"Exact\", \"RegularExpression\"")]
    [InlineData("""{ "rules": [{ "matches": [{ "queryParams": [{ "name": "q", "value": "a" }, { "name": "q", "value": "b" }] }] }] }""", "spec.rules[0].matches[0].queryParams[1]", "Duplicate value: map[string]interface {}{\"name\":\"q\"}")]
    [InlineData("""{ "rules": [{ "matches": [{ "method": "get" }] }] }""", "spec.rules[0].matches[0].method", "Unsupported value: \"get\": supported values: \"GET\", \"HEAD\", \"POST\", \"PUT\", \"DELETE\", \"CONNECT\", \"OPTIONS\", \"TRACE\", \"PATCH\"")]
    // Backend references.
    [InlineData("""{ "rules": [{ "backendRefs": [{ "port": 80 }] }] }""", "spec.rules[0].backendRefs[0].name", "Required value")]
    [InlineData("""{ "rules": [{ "backendRefs": [{ "name": "web" }] }] }""", "spec.rules[0].backendRefs[0]", "Invalid value: \"object\": Must have port for Service reference")]
    [InlineData("""{ "rules": [{ "backendRefs": [{ "name": "web", "port": 80, "weight": -1 }] }] }""", "spec.rules[0].backendRefs[0].weight", "Invalid value: -1: spec.rules[0].backendRefs[0].weight in body should be greater than or equal to 0")]
    [InlineData("""{ "rules": [{ "backendRefs": [{ "name": "web", "port": 80, "weight": 1000001 }] }] }""", "spec.rules[0].backendRefs[0].weight", "Invalid value: 1000001: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000")]
    [InlineData("""{ "rules": [{ "backendRefs": [{ "name": "web", "port": 70000 }] }] }""", "spec.rules[0].backendRefs[0].port", "Invalid value: 70000: spec.rules[0].backendRefs[0].port in body should be less than or equal to 65535")]
    [InlineData("""{ "rules": [{ "backendRefs": [{ "name": "web", "port": 80, "namespace": "a.b" }] }] }""", "spec.rules[0].backendRefs[0].namespace", "Invalid value: \"a.b\": spec.rules[0].backendRefs[0].namespace in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'")]
    // Filters: type and field pairing.
    [InlineData("""{ "rules": [{ "filters": [{ "requestHeaderModifier": {} }] }] }""", "spec.rules[0].filters[0].type", "Required value")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "Rewrite" }] }] }""", "spec.rules[0].filters[0].type", "Unsupported value: \"Rewrite\": supported values: \"RequestHeaderModifier\", \"ResponseHeaderModifier\", \"RequestMirror\", \"RequestRedirect\", \"URLRewrite\", \"ExtensionRef\", \"CORS\"")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS" }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.cors must be specified for CORS filter.type")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "ExtensionRef", "extensionRef": { "group": "a", "kind": "B", "name": "c" }, "cors": {} }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.cors must be nil if the filter.type is not CORS")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestHeaderModifier" }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": {}, "requestHeaderModifier": {} }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.requestHeaderModifier must be nil if the filter.type is not RequestHeaderModifier")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "ResponseHeaderModifier" }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.responseHeaderModifier must be specified for ResponseHeaderModifier filter.type")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": {}, "responseHeaderModifier": {} }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.responseHeaderModifier must be nil if the filter.type is not ResponseHeaderModifier")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestMirror" }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.requestMirror must be specified for RequestMirror filter.type")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": {}, "requestMirror": { "backendRef": { "name": "m", "port": 1 } } }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.requestMirror must be nil if the filter.type is not RequestMirror")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect" }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.requestRedirect must be specified for RequestRedirect filter.type")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": {}, "requestRedirect": {} }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.requestRedirect must be nil if the filter.type is not RequestRedirect")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "URLRewrite" }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.urlRewrite must be specified for URLRewrite filter.type")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": {}, "urlRewrite": {} }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.urlRewrite must be nil if the filter.type is not URLRewrite")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "ExtensionRef" }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.extensionRef must be specified for ExtensionRef filter.type")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": {}, "extensionRef": { "group": "a", "kind": "B", "name": "c" } }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.extensionRef must be nil if the filter.type is not ExtensionRef")]
    // Filters: combinations within one list.
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": {} }, { "type": "URLRewrite", "urlRewrite": {} }] }] }""", "spec.rules[0].filters", "Invalid value: \"array\": May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": {} }, { "type": "CORS", "cors": {} }] }] }""", "spec.rules[0].filters", "Invalid value: \"array\": CORS filter cannot be repeated")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestHeaderModifier", "requestHeaderModifier": {} }, { "type": "RequestHeaderModifier", "requestHeaderModifier": {} }] }] }""", "spec.rules[0].filters", "Invalid value: \"array\": RequestHeaderModifier filter cannot be repeated")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "ResponseHeaderModifier", "responseHeaderModifier": {} }, { "type": "ResponseHeaderModifier", "responseHeaderModifier": {} }] }] }""", "spec.rules[0].filters", "Invalid value: \"array\": ResponseHeaderModifier filter cannot be repeated")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": {} }, { "type": "RequestRedirect", "requestRedirect": {} }] }] }""", "spec.rules[0].filters", "Invalid value: \"array\": RequestRedirect filter cannot be repeated")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "URLRewrite", "urlRewrite": {} }, { "type": "URLRewrite", "urlRewrite": {} }] }] }""", "spec.rules[0].filters", "Invalid value: \"array\": URLRewrite filter cannot be repeated")]
    [InlineData("""{ "rules": [{ "backendRefs": [{ "name": "web", "port": 80, "filters": [{ "type": "CORS", "cors": {} }, { "type": "CORS", "cors": {} }] }] }] }""", "spec.rules[0].backendRefs[0].filters", "Invalid value: \"array\": CORS filter cannot be repeated")]
    // Filters: rule-level combinations.
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": {} }], "backendRefs": [{ "name": "web", "port": 80 }] }] }""", "spec.rules[0]", "Invalid value: \"object\": RequestRedirect filter must not be used together with backendRefs")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "type": "Exact", "value": "/a" } }], "filters": [{ "type": "RequestRedirect", "requestRedirect": { "path": { "type": "ReplacePrefixMatch", "replacePrefixMatch": "/b" } } }] }] }""", "spec.rules[0]", "Invalid value: \"object\": When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "value": "/a" } }, { "path": { "value": "/b" } }], "filters": [{ "type": "URLRewrite", "urlRewrite": { "path": { "type": "ReplacePrefixMatch", "replacePrefixMatch": "/b" } } }] }] }""", "spec.rules[0]", "Invalid value: \"object\": When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified")]
    [InlineData("""{ "rules": [{ "matches": [], "backendRefs": [{ "name": "web", "port": 80, "filters": [{ "type": "RequestRedirect", "requestRedirect": { "path": { "type": "ReplacePrefixMatch", "replacePrefixMatch": "/b" } } }] }] }] }""", "spec.rules[0]", "Invalid value: \"object\": Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified")]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "type": "RegularExpression", "value": "/a" } }], "backendRefs": [{ "name": "web", "port": 80, "filters": [{ "type": "URLRewrite", "urlRewrite": { "path": { "type": "ReplacePrefixMatch", "replacePrefixMatch": "/b" } } }] }] }] }""", "spec.rules[0]", "Invalid value: \"object\": Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified")]
    // Redirect, rewrite and path modifiers.
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": { "statusCode": 300 } }] }] }""", "spec.rules[0].filters[0].requestRedirect.statusCode", "Unsupported value: 300: supported values: \"301\", \"302\", \"303\", \"307\", \"308\"")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": { "scheme": "ftp" } }] }] }""", "spec.rules[0].filters[0].requestRedirect.scheme", "Unsupported value: \"ftp\": supported values: \"http\", \"https\"")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": { "hostname": "*.example.com" } }] }] }""", "spec.rules[0].filters[0].requestRedirect.hostname", "Invalid value: \"*.example.com\": spec.rules[0].filters[0].requestRedirect.hostname in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": { "port": 0 } }] }] }""", "spec.rules[0].filters[0].requestRedirect.port", "Invalid value: 0: spec.rules[0].filters[0].requestRedirect.port in body should be greater than or equal to 1")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": { "path": { "replaceFullPath": "/a" } } }] }] }""", "spec.rules[0].filters[0].requestRedirect.path.type", "Required value")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": { "path": { "type": "Replace" } } }] }] }""", "spec.rules[0].filters[0].requestRedirect.path.type", "Unsupported value: \"Replace\": supported values: \"ReplaceFullPath\", \"ReplacePrefixMatch\"")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "URLRewrite", "urlRewrite": { "path": { "type": "ReplaceFullPath" } } }] }] }""", "spec.rules[0].filters[0].urlRewrite.path", "Invalid value: \"object\": replaceFullPath must be specified when type is set to 'ReplaceFullPath'")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "URLRewrite", "urlRewrite": { "path": { "type": "ReplacePrefixMatch", "replacePrefixMatch": "/", "replaceFullPath": "/" } } }] }] }""", "spec.rules[0].filters[0].urlRewrite.path", "Invalid value: \"object\": type must be 'ReplaceFullPath' when replaceFullPath is set")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "URLRewrite", "urlRewrite": { "path": { "type": "ReplacePrefixMatch" } } }] }] }""", "spec.rules[0].filters[0].urlRewrite.path", "Invalid value: \"object\": replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "URLRewrite", "urlRewrite": { "path": { "type": "ReplaceFullPath", "replaceFullPath": "/", "replacePrefixMatch": "/" } } }] }] }""", "spec.rules[0].filters[0].urlRewrite.path", "Invalid value: \"object\": type must be 'ReplacePrefixMatch' when replacePrefixMatch is set")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "URLRewrite", "urlRewrite": { "hostname": "Internal" } }] }] }""", "spec.rules[0].filters[0].urlRewrite.hostname", "Invalid value: \"Internal\": spec.rules[0].filters[0].urlRewrite.hostname in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    // Header modifiers.
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestHeaderModifier", "requestHeaderModifier": { "set": [{ "name": "a" }] } }] }] }""", "spec.rules[0].filters[0].requestHeaderModifier.set[0].value", "Required value")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestHeaderModifier", "requestHeaderModifier": { "add": [{ "name": "a:b", "value": "1" }] } }] }] }""", "spec.rules[0].filters[0].requestHeaderModifier.add[0].name", "Invalid value: \"a:b\": spec.rules[0].filters[0].requestHeaderModifier.add[0].name in body should match '^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$'")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "ResponseHeaderModifier", "responseHeaderModifier": { "set": [{ "name": "a", "value": "1" }, { "name": "a", "value": "2" }] } }] }] }""", "spec.rules[0].filters[0].responseHeaderModifier.set[1]", "Duplicate value: map[string]interface {}{\"name\":\"a\"}")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "ResponseHeaderModifier", "responseHeaderModifier": { "remove": ["a", "a"] } }] }] }""", "spec.rules[0].filters[0].responseHeaderModifier.remove[1]", "Duplicate value: \"a\"")]
    // Mirror.
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestMirror", "requestMirror": {} }] }] }""", "spec.rules[0].filters[0].requestMirror.backendRef", "Required value")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m" } } }] }] }""", "spec.rules[0].filters[0].requestMirror.backendRef", "Invalid value: \"object\": Must have port for Service reference")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 1 }, "percent": 101 } }] }] }""", "spec.rules[0].filters[0].requestMirror.percent", "Invalid value: 101: spec.rules[0].filters[0].requestMirror.percent in body should be less than or equal to 100")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 1 }, "percent": 5, "fraction": { "numerator": 1 } } }] }] }""", "spec.rules[0].filters[0].requestMirror", "Invalid value: \"object\": Only one of percent or fraction may be specified in HTTPRequestMirrorFilter")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 1 }, "fraction": { "numerator": 101 } } }] }] }""", "spec.rules[0].filters[0].requestMirror.fraction", "Invalid value: \"object\": numerator must be less than or equal to denominator")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 1 }, "fraction": { "denominator": 10 } } }] }] }""", "spec.rules[0].filters[0].requestMirror.fraction.numerator", "Required value")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 1 }, "fraction": { "numerator": 0, "denominator": 0 } } }] }] }""", "spec.rules[0].filters[0].requestMirror.fraction.denominator", "Invalid value: 0: spec.rules[0].filters[0].requestMirror.fraction.denominator in body should be greater than or equal to 1")]
    // CORS.
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": { "allowOrigins": ["http://a.com/cart"] } }] }] }""", "spec.rules[0].filters[0].cors.allowOrigins[0]", "Invalid value: \"http://a.com/cart\": spec.rules[0].filters[0].cors.allowOrigins[0] in body should match '(^\\*$)|(^(http(s)?):\\/\\/(((\\*\\.)?([a-zA-Z0-9\\-]+\\.)*[a-zA-Z0-9-]+|\\*)(:([0-9]{1,5}))?)$)'")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": { "allowOrigins": ["*", "https://a.com"] } }] }] }""", "spec.rules[0].filters[0].cors.allowOrigins", "Invalid value: \"array\": AllowOrigins cannot contain '*' alongside other origins")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": { "allowOrigins": ["https://a.com", "https://a.com"] } }] }] }""", "spec.rules[0].filters[0].cors.allowOrigins[1]", "Duplicate value: \"https://a.com\"")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": { "allowMethods": ["FETCH"] } }] }] }""", "spec.rules[0].filters[0].cors.allowMethods[0]", "Unsupported value: \"FETCH\": supported values: \"GET\", \"HEAD\", \"POST\", \"PUT\", \"DELETE\", \"CONNECT\", \"OPTIONS\", \"TRACE\", \"PATCH\", \"*\"")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": { "allowMethods": ["GET", "*"] } }] }] }""", "spec.rules[0].filters[0].cors.allowMethods", "Invalid value: \"array\": AllowMethods cannot contain '*' alongside other methods")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": { "allowHeaders": ["*", "x-a"] } }] }] }""", "spec.rules[0].filters[0].cors.allowHeaders", "Invalid value: \"array\": AllowHeaders cannot contain '*' alongside other methods")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": { "exposeHeaders": ["x a"] } }] }] }""", "spec.rules[0].filters[0].cors.exposeHeaders[0]", "Invalid value: \"x a\": spec.rules[0].filters[0].cors.exposeHeaders[0] in body should match '^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$'")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": { "maxAge": 0 } }] }] }""", "spec.rules[0].filters[0].cors.maxAge", "Invalid value: 0: spec.rules[0].filters[0].cors.maxAge in body should be greater than or equal to 1")]
    // Extension references.
    [InlineData("""{ "rules": [{ "filters": [{ "type": "ExtensionRef", "extensionRef": { "kind": "B", "name": "c" } }] }] }""", "spec.rules[0].filters[0].extensionRef.group", "Required value")]
    // Timeouts.
    [InlineData("""{ "rules": [{ "timeouts": { "request": "1.5s" } }] }""", "spec.rules[0].timeouts.request", "Invalid value: \"1.5s\": spec.rules[0].timeouts.request in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'")]
    [InlineData("""{ "rules": [{ "timeouts": { "backendRequest": "1d" } }] }""", "spec.rules[0].timeouts.backendRequest", "Invalid value: \"1d\": spec.rules[0].timeouts.backendRequest in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'")]
    [InlineData("""{ "rules": [{ "timeouts": { "request": "1s", "backendRequest": "1001ms" } }] }""", "spec.rules[0].timeouts", "Invalid value: \"object\": backendRequest timeout cannot be longer than request timeout")]
    // Experimental: retry and session persistence.
    [InlineData("""{ "rules": [{ "retry": { "codes": [399] } }] }""", "spec.rules[0].retry.codes[0]", "Invalid value: 399: spec.rules[0].retry.codes[0] in body should be greater than or equal to 400")]
    [InlineData("""{ "rules": [{ "retry": { "codes": [500, 500] } }] }""", "spec.rules[0].retry.codes[1]", "Duplicate value: 500")]
    [InlineData("""{ "rules": [{ "retry": { "attempts": 0 } }] }""", "spec.rules[0].retry.attempts", "Invalid value: 0: spec.rules[0].retry.attempts in body should be greater than or equal to 1")]
    [InlineData("""{ "rules": [{ "retry": { "backoff": "soon" } }] }""", "spec.rules[0].retry.backoff", "Invalid value: \"soon\": spec.rules[0].retry.backoff in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'")]
    [InlineData("""{ "rules": [{ "sessionPersistence": { "type": "IP" } }] }""", "spec.rules[0].sessionPersistence.type", "Unsupported value: \"IP\": supported values: \"Cookie\", \"Header\"")]
    [InlineData("""{ "rules": [{ "sessionPersistence": { "cookieConfig": { "lifetimeType": "Forever" } } }] }""", "spec.rules[0].sessionPersistence.cookieConfig.lifetimeType", "Unsupported value: \"Forever\": supported values: \"Permanent\", \"Session\"")]
    [InlineData("""{ "rules": [{ "sessionPersistence": { "cookieConfig": { "lifetimeType": "Permanent" } } }] }""", "spec.rules[0].sessionPersistence", "Invalid value: \"object\": AbsoluteTimeout must be specified when cookie lifetimeType is Permanent")]
    [InlineData("""{ "rules": [{ "sessionPersistence": { "type": "Header", "cookieConfig": {} } }] }""", "spec.rules[0].sessionPersistence", "Invalid value: \"object\": cookieConfig can only be set with type Cookie")]
    [InlineData("""{ "rules": [{ "sessionPersistence": { "sessionName": "NAME_THAT_IS_LONGER_THAN_ONE_HUNDRED_AND_TWENTY_EIGHT_CHARACTERS_NAME_THAT_IS_LONGER_THAN_ONE_HUNDRED_AND_TWENTY_EIGHT_CHARACTERS_NAME_THAT_IS_LONGER" } }] }""", "spec.rules[0].sessionPersistence.sessionName", "Too long: may not be more than 128 bytes")]
    public void HttpRoute_InvalidSpec_ReportsFieldError(string spec, string path, string message) => AssertError(Validate<HttpRoute>(spec), path, message);

    [Theory]
    [InlineData("""{ "rules": [{ "matches": [{ "path": { "type": "RegularExpression", "value": "/(a" } }] }] }""", "spec.rules[0].matches[0].path.value", "/(a")]
    [InlineData("""{ "rules": [{ "matches": [{ "headers": [{ "name": "x", "type": "RegularExpression", "value": "(?<=a)b" }] }] }] }""", "spec.rules[0].matches[0].headers[0].value", "(?<=a)b")]
    [InlineData("""{ "rules": [{ "matches": [{ "queryParams": [{ "name": "x", "type": "RegularExpression", "value": "(a)\\1" }] }] }] }""", "spec.rules[0].matches[0].queryParams[0].value", "(a)\\1")]
    public void HttpRoute_RegexThatDoesNotCompile_ReportsInvalidValue(string spec, string path, string pattern)
    {
        var errors = Validate<HttpRoute>(spec);

        // The reason comes from the .NET regex parser; only its lead-in is ours.
        var prefix = $"Invalid value: {Validation.CrdSchemaChecks.Quote(pattern)}: must be a valid regular expression: ";
        Assert.Contains(errors, e => e.Path == path && e.Message.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void HttpRoute_ExactHeaderWithRegexCharacters_IsValid() =>
        AssertValid(Validate<HttpRoute>("""{ "rules": [{ "matches": [{ "headers": [{ "name": "x", "value": "(" }], "queryParams": [{ "name": "q", "value": "(" }] }] }] }"""));

    [Theory]
    [InlineData("hostnames", 16, """ "h{0}.example.com" """)]
    [InlineData("parentRefs", 32, """{{ "name": "gw", "sectionName": "s{0}" }}""")]
    [InlineData("rules", 16, "{{}}")]
    public void HttpRoute_OneItemOverLimit_ReportsTooMany(string field, int max, string itemFormat)
    {
        var atLimit = Array(max, i => string.Format(System.Globalization.CultureInfo.InvariantCulture, itemFormat, i));
        var overLimit = Array(max + 1, i => string.Format(System.Globalization.CultureInfo.InvariantCulture, itemFormat, i));

        AssertValid(Validate<HttpRoute>($$"""{ "{{field}}": {{atLimit}} }"""));
        AssertError(Validate<HttpRoute>($$"""{ "{{field}}": {{overLimit}} }"""), $"spec.{field}", $"Too many: {max + 1}: must have at most {max} items");
    }

    [Theory]
    [InlineData("matches", 64, """{{ "path": {{ "value": "/m{0}" }} }}""")]
    [InlineData("filters", 16, """{{ "type": "RequestMirror", "requestMirror": {{ "backendRef": {{ "name": "m{0}", "port": 80 }} }} }}""")]
    [InlineData("backendRefs", 16, """{{ "name": "b{0}", "port": 80 }}""")]
    public void HttpRoute_OneRuleItemOverLimit_ReportsTooMany(string field, int max, string itemFormat)
    {
        var atLimit = Array(max, i => string.Format(System.Globalization.CultureInfo.InvariantCulture, itemFormat, i));
        var overLimit = Array(max + 1, i => string.Format(System.Globalization.CultureInfo.InvariantCulture, itemFormat, i));

        AssertValid(Validate<HttpRoute>($$"""{ "rules": [{ "{{field}}": {{atLimit}} }] }"""));
        AssertError(Validate<HttpRoute>($$"""{ "rules": [{ "{{field}}": {{overLimit}} }] }"""), $"spec.rules[0].{field}", $"Too many: {max + 1}: must have at most {max} items");
    }

    [Fact]
    public void HttpRoute_SeventeenHeaderMatches_ReportsTooMany()
    {
        var headers = Array(17, i => $$"""{ "name": "h{{i}}", "value": "v" }""");

        AssertError(Validate<HttpRoute>($$"""{ "rules": [{ "matches": [{ "headers": {{headers}} }] }] }"""), "spec.rules[0].matches[0].headers", "Too many: 17: must have at most 16 items");
    }

    [Fact]
    public void HttpRoute_129MatchesAcrossRules_ReportsTotalLimit()
    {
        var matches = Array(64, i => $$"""{ "path": { "value": "/m{{i}}" } }""");
        var atLimit = $$"""{ "rules": [{ "matches": {{matches}} }, { "matches": {{matches}} }] }""";
        var overLimit = $$"""{ "rules": [{ "matches": {{matches}} }, { "matches": {{matches}} }, {}] }""";

        AssertValid(Validate<HttpRoute>(atLimit));
        AssertError(Validate<HttpRoute>(overLimit), "spec.rules", "Invalid value: \"array\": While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128");
    }

    [Fact]
    public void HttpRoute_NullSpec_ReportsRequired()
    {
        var errors = Validate<HttpRoute>("null");

        Assert.Equal([new Validation.FieldError("spec", "Required value")], errors);
    }

    [Fact]
    public void HttpRoute_NullItems_ReportedNotThrown()
    {
        var errors = Validate<HttpRoute>("""{ "parentRefs": [null], "rules": [null, { "matches": [null], "filters": [null], "backendRefs": [null] }] }""");

        AssertError(errors, "spec.parentRefs[0]", "Invalid value: \"null\": spec.parentRefs[0] in body must be of type object: \"null\"");
        AssertError(errors, "spec.rules[0]", "Invalid value: \"null\": spec.rules[0] in body must be of type object: \"null\"");
        AssertError(errors, "spec.rules[1].matches[0]", "Invalid value: \"null\": spec.rules[1].matches[0] in body must be of type object: \"null\"");
        AssertError(errors, "spec.rules[1].filters[0]", "Invalid value: \"null\": spec.rules[1].filters[0] in body must be of type object: \"null\"");
        AssertError(errors, "spec.rules[1].backendRefs[0]", "Invalid value: \"null\": spec.rules[1].backendRefs[0] in body must be of type object: \"null\"");
    }
}
