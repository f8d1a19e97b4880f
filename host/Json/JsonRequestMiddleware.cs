using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EligibilityEngine.Host.Services;
using Google.Rpc;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace EligibilityEngine.Host.Json;

/// <summary>
/// In front of every JSON-transcoded method that takes a body: refuses a body over the size limit (413, the same
/// limit as gRPC's), a body that is not JSON (400, with line and position, never its content) and a body with bad
/// fields (400 naming every one, see <see cref="JsonRequestCheck"/>), as problem details; a body that is not sent as
/// JSON gets 415. Transcoding then reads a body it cannot fail on, so it logs no parse exception quoting
/// the body.
/// </summary>
public sealed class JsonRequestMiddleware(RequestDelegate next, int maxBytes)
{
    /// <summary>How many times the limit Kestrel reads of a refused body before it closes the connection.</summary>
    public const int DrainFactor = 4;

    public async Task InvokeAsync(HttpContext context)
    {
        // Kestrel reads no more than this of a body that is not gRPC's (which has its own limit per message). Above the
        // limit the answer is 413 (below); Kestrel then drains what the client still sends to keep the connection, up
        // to this bound, and closes the connection beyond it.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = DrainFactor * (long)maxBytes;
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        if (metadata is null || string.IsNullOrEmpty(metadata.HttpRule.Body))
        {
            await next(context);
            return;
        }

        if (!IsJson(context.Request.ContentType))
        {
            await Problem.Create(context, StatusCodes.Status415UnsupportedMediaType,
                "Stuur de body als JSON, met Content-Type: application/json.").WriteAsync(context);
            return;
        }

        var body = context.Request.ContentLength > maxBytes ? null : await ReadLimited(context.Request.Body, maxBytes, context.RequestAborted);
        if (body is null)
        {
            await Problem.Create(context, StatusCodes.Status413PayloadTooLarge, $"De body is groter dan {maxBytes} bytes.").WriteAsync(context);
            return;
        }

        // System.Text.Json reads bytes that are not UTF-8 inside a string as U+FFFD, and fails on them in a key: a text
        // must arrive as it was meant or not at all (gRPC refuses such a string too).
        if (Diagnostics.Utf8Text.InvalidAt(body) is { } invalid)
        {
            await Refuse(context, [CallError.Violation("", ViolationReason.InvalidJson, $"the body is not UTF-8 (byte {invalid + 1})")]);
            return;
        }

        JsonNode? json;
        try
        {
            // A key twice is refused, not left to whichever copy a reader takes.
            json = JsonNode.Parse(body, documentOptions: Strict);
        }
        catch (JsonException ex)
        {
            // The position, not the message: System.Text.Json's message can quote the text around the error.
            await Refuse(context, [CallError.Violation("", ViolationReason.InvalidJson, DuplicateKeyAt(body) is { } twice
                ? $"the body holds a key twice (byte {twice + 1})"
                : $"the body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})")]);
            return;
        }

        var (checkedBody, violations) = JsonRequestCheck.Check(json, metadata.MethodDescriptor.InputType);
        if (violations.Count > 0)
        {
            await Refuse(context, [.. violations, .. ValueViolations(checkedBody, metadata.MethodDescriptor.InputType, violations)]);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(checkedBody!.ToJsonString());
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        await next(context);
    }

    /// <summary>
    /// What the service would refuse in the rest of a body whose shape is refused (an impossible date, a bad municipality
    /// code, a number out of range): the body without its refused values, read as the contract's message and checked as
    /// the service checks it. A field already refused, or one inside it, is not named twice.
    /// </summary>
    private static IEnumerable<BadRequest.Types.FieldViolation> ValueViolations(
        JsonNode? remaining, Google.Protobuf.Reflection.MessageDescriptor input, IReadOnlyList<BadRequest.Types.FieldViolation> refused)
    {
        if (remaining is null) return [];
        Google.Protobuf.IMessage message;
        try
        {
            message = Lenient.Parse(remaining.ToJsonString(), input);
        }
        // Protobuf's JSON parser signals a body it cannot read with IOException (its InvalidJsonException and
        // InvalidProtocolBufferException), FormatException or an ArgumentException.
        catch (Exception ex) when (ex is IOException or FormatException or ArgumentException or InvalidOperationException)
        {
            return []; // what is left cannot be read: its shape errors are the answer
        }

        var named = refused.Select(v => v.Field).ToList();
        return RequestMapper.Check(message).Where(v => !named.Any(field => v.Field == field
            || (field.Length > 0 && (v.Field.StartsWith(field + ".", StringComparison.Ordinal) || v.Field.StartsWith(field + "[", StringComparison.Ordinal)))));
    }

    /// <summary>The remaining body's unknown fields were already named and taken out.</summary>
    private static readonly Google.Protobuf.JsonParser Lenient = new(Google.Protobuf.JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    /// <summary>The offset of the first key written a second time in one object, or null; asked only of a body the
    /// strict parse refused (whose exception gives no position for this).</summary>
    private static long? DuplicateKeyAt(byte[] body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = Strict.MaxDepth });
        var keys = new Stack<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.StartObject) keys.Push(new HashSet<string>(StringComparer.Ordinal));
                else if (reader.TokenType == JsonTokenType.EndObject) keys.Pop();
                else if (reader.TokenType == JsonTokenType.PropertyName && !keys.Peek().Add(reader.GetString()!)) return reader.TokenStartIndex;
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: said with the strict parse's position.
        }

        return null;
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (chunked bodies have no length).</summary>
    private static async Task<byte[]?> ReadLimited(Stream body, int limit, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Task Refuse(HttpContext context, IReadOnlyList<BadRequest.Types.FieldViolation> violations) =>
        Problem.FromStatus(context, StatusCodes.Status400BadRequest, CallError.InvalidArgument(violations).ToStatus()).WriteAsync(context);

    // application/json, application/json; charset=utf-8, application/merge-patch+json, …
    private static bool IsJson(string? contentType) =>
        contentType is not null && (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
                                && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                                    || type.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true));
}
