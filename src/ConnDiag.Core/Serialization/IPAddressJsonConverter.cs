using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnDiag.Serialization;

/// <summary>
/// IPAddress as its usual text ("127.0.0.1", "::1"); without this System.Text.Json would write its
/// properties (AddressFamily, ScopeId, ...) or fail on the ones that throw for the other family.
/// </summary>
internal sealed class IPAddressJsonConverter : JsonConverter<IPAddress>
{
    public override IPAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null) return null;
        return IPAddress.TryParse(text, out var address) ? address : throw new JsonException($"'{text}' is not an IP address.");
    }

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
