using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Tests.Core;

public sealed class NameValidationTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("web-1")]
    [InlineData("123-abc")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void IsDns1123Label_Valid_NoErrors(string value) => Assert.Empty(NameValidation.IsDns1123Label(value));

    [Theory]
    [InlineData("")]
    [InlineData("Web")]
    [InlineData("-web")]
    [InlineData("web-")]
    [InlineData("we_b")]
    [InlineData("web\n")]
    public void IsDns1123Label_BadCharacters_RegexError(string value) =>
        Assert.Equal([Expected.Dns1123Label], NameValidation.IsDns1123Label(value));

    [Fact]
    public void IsDns1123Label_Dots_MustNotContainDots() =>
        Assert.Equal(["must not contain dots"], NameValidation.IsDns1123Label("a.b"));

    [Fact]
    public void IsDns1123Label_TooLong_MaxLengthError() =>
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsDns1123Label(new string('a', 64)));

    [Theory]
    [InlineData("example.com")]
    [InlineData("a")]
    [InlineData("0.1.2")]
    public void IsDns1123Subdomain_Valid_NoErrors(string value) => Assert.Empty(NameValidation.IsDns1123Subdomain(value));

    [Theory]
    [InlineData("Example.com")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("*.a")]
    public void IsDns1123Subdomain_Invalid_RegexError(string value) =>
        Assert.Equal([Expected.Dns1123Subdomain], NameValidation.IsDns1123Subdomain(value));

    [Fact]
    public void IsDns1123Subdomain_TooLong_MaxLengthError() =>
        Assert.Equal(["must be no more than 253 characters"], NameValidation.IsDns1123Subdomain(new string('a', 254)));

    [Fact]
    public void IsDns1035Label_StartsWithDigit_RegexError() =>
        Assert.Equal([Expected.Dns1035Label], NameValidation.IsDns1035Label("1web"));

    [Fact]
    public void IsDns1035Label_StartsWithLetter_NoErrors() => Assert.Empty(NameValidation.IsDns1035Label("web1"));

    [Theory]
    [InlineData("*.example.com")]
    [InlineData("*.com")]
    public void IsWildcardDns1123Subdomain_LeftmostWildcard_NoErrors(string value) =>
        Assert.Empty(NameValidation.IsWildcardDns1123Subdomain(value));

    [Theory]
    [InlineData("*")]
    [InlineData("*example.com")]
    [InlineData("foo.*.com")]
    [InlineData("*.*.com")]
    [InlineData("f*.example.com")]
    public void IsWildcardDns1123Subdomain_WildcardNotWholeLeftmostLabel_RegexError(string value) =>
        Assert.Equal([Expected.WildcardSubdomain], NameValidation.IsWildcardDns1123Subdomain(value));

    [Theory]
    [InlineData("app")]
    [InlineData("App.Name_1")]
    [InlineData("example.com/app")]
    [InlineData("kubernetes.io/metadata.name")]
    public void IsQualifiedName_Valid_NoErrors(string value) => Assert.Empty(NameValidation.IsQualifiedName(value));

    [Fact]
    public void IsQualifiedName_BadName_NamePartError() =>
        Assert.Equal([Expected.LabelKeyName], NameValidation.IsQualifiedName("-app"));

    [Fact]
    public void IsQualifiedName_EmptyPrefix_PrefixPartError() =>
        Assert.Equal(["prefix part must be non-empty"], NameValidation.IsQualifiedName("/app"));

    [Fact]
    public void IsQualifiedName_BadPrefix_PrefixPartError() =>
        Assert.Equal(["prefix part " + Expected.Dns1123Subdomain], NameValidation.IsQualifiedName("Example.com/app"));

    [Fact]
    public void IsQualifiedName_EmptyName_NameRequiredAndRegexError() =>
        Assert.Equal(["name part must be non-empty", Expected.LabelKeyName], NameValidation.IsQualifiedName("example.com/"));

    [Fact]
    public void IsQualifiedName_LongName_MaxLengthInBytes() =>
        Assert.Equal(["name part must be no more than 63 bytes"], NameValidation.IsQualifiedName(new string('a', 64)));

    [Fact]
    public void IsQualifiedName_TwoSlashes_LabelKeyError() =>
        Assert.Equal(
            ["a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
             "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') " +
             "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"],
            NameValidation.IsQualifiedName("a/b/c"));

    [Theory]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("My_Value.1")]
    public void IsLabelValue_Valid_NoErrors(string value) => Assert.Empty(NameValidation.IsLabelValue(value));

    [Fact]
    public void IsLabelValue_BadCharacters_RegexError() => Assert.Equal([Expected.LabelValue], NameValidation.IsLabelValue("a b"));

    [Fact]
    public void IsLabelValue_TooLong_MaxLengthInBytes() =>
        Assert.Equal(["must be no more than 63 bytes"], NameValidation.IsLabelValue(new string('a', 64)));

    [Theory]
    [InlineData("http")]
    [InlineData("h2c")]
    [InlineData("web-metrics")]
    [InlineData("a23456789012345")]
    public void IsIanaSvcName_Valid_NoErrors(string value) => Assert.Empty(NameValidation.IsIanaSvcName(value));

    [Theory]
    [InlineData("a234567890123456", "must be no more than 15 characters")]
    [InlineData("Http", "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")]
    [InlineData("8080", "must contain at least one letter (a-z)")]
    [InlineData("web--x", "must not contain consecutive hyphens")]
    [InlineData("-web", "must not begin or end with a hyphen")]
    [InlineData("web-", "must not begin or end with a hyphen")]
    public void IsIanaSvcName_Invalid_Error(string value, string message) =>
        Assert.Equal([message], NameValidation.IsIanaSvcName(value));

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void IsValidPortNumber_OutOfRange_RangeError(long port) =>
        Assert.Equal([Expected.PortRange], NameValidation.IsValidPortNumber(port));

    [Theory]
    [InlineData(1)]
    [InlineData(65535)]
    public void IsValidPortNumber_InRange_NoErrors(long port) => Assert.Empty(NameValidation.IsValidPortNumber(port));

    [Theory]
    [InlineData("tls.crt")]
    [InlineData("KEY_NAME")]
    [InlineData(".dockercfg")]
    public void IsConfigMapKey_Valid_NoErrors(string value) => Assert.Empty(NameValidation.IsConfigMapKey(value));

    [Theory]
    [InlineData("a/b", new[] { Expected.ConfigKey })]
    [InlineData(".", new[] { "must not be '.'" })]
    [InlineData("..", new[] { "must not be '..'" })]
    [InlineData("..a", new[] { "must not start with '..'" })]
    public void IsConfigMapKey_Invalid_Errors(string value, string[] messages) =>
        Assert.Equal(messages, NameValidation.IsConfigMapKey(value));

    [Fact]
    public void ValidateDomainPrefixedPath_Valid_NoErrors()
    {
        var ctx = new ValidationContext();
        NameValidation.ValidateDomainPrefixedPath(ctx, "p", "example.com/ingress-controller");
        Assert.Empty(ctx.Errors);
    }

    [Theory]
    [InlineData("controller")]
    [InlineData("example.com/")]
    [InlineData("/controller")]
    public void ValidateDomainPrefixedPath_NoDomainOrPath_Invalid(string value)
    {
        var ctx = new ValidationContext();
        NameValidation.ValidateDomainPrefixedPath(ctx, "p", value);
        Validate.Error(ctx.Errors, "p", $"Invalid value: \"{value}\": must be a domain-prefixed path (such as \"acme.io/foo\")");
    }

    [Fact]
    public void ValidateDomainPrefixedPath_BadPath_InvalidPath()
    {
        var ctx = new ValidationContext();
        NameValidation.ValidateDomainPrefixedPath(ctx, "p", "example.com/a b");
        Validate.Error(ctx.Errors, "p", "Invalid value: \"a b\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')");
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("example.com.")]
    public void ValidateFullyQualifiedDomainName_TwoLabels_NoErrors(string value)
    {
        var ctx = new ValidationContext();
        NameValidation.ValidateFullyQualifiedDomainName(ctx, "p", value);
        Assert.Empty(ctx.Errors);
    }

    [Fact]
    public void ValidateFullyQualifiedDomainName_OneLabel_Invalid()
    {
        var ctx = new ValidationContext();
        NameValidation.ValidateFullyQualifiedDomainName(ctx, "p", "localhost");
        Validate.Error(ctx.Errors, "p", "Invalid value: \"localhost\": should be a domain with at least two segments separated by dots");
    }
}
