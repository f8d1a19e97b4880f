using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace EligibilityEngine.Host.Services;

/// <summary>
/// Parses the one message of a unary gRPC request before grpc-dotnet does, and answers a message that is not valid
/// protobuf with INVALID_ARGUMENT (trailers-only). grpc-dotnet deserialises unary requests before any interceptor runs
/// and turns the parser's exception into UNKNOWN with an Error-level stack trace; see <see cref="MalformedMessage"/>.
/// The body is read from the request's pipe and left unconsumed there, so grpc-dotnet reads the same bytes without a
/// copy. Requests it cannot judge (not one complete frame, an unknown compression, over the size limit) go on to
/// grpc-dotnet, which refuses them with its own status.
/// </summary>
public sealed class UnaryMessageCheckMiddleware(RequestDelegate next, int maxBytes)
{
    private const int FrameHeader = 5;
    private static readonly ConcurrentDictionary<IMethod, (MessageParser Parser, string Name)> Parsers = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method;
        if (method is not { Type: MethodType.Unary })
        {
            await next(context);
            return;
        }

        var reader = context.Request.BodyReader;
        var result = await reader.ReadAtLeastAsync(FrameHeader, context.RequestAborted);
        // Read to the end of the one message the header announces, without consuming: each round marks all as
        // examined so the next read waits for more. A message announced over the limit is not read at all: grpc-dotnet
        // refuses it with RESOURCE_EXHAUSTED from its header, as it did before this check.
        var announced = result.Buffer.Length >= FrameHeader ? Announced(result.Buffer) : long.MaxValue;
        while (!result.IsCompleted && announced <= maxBytes && result.Buffer.Length <= announced + FrameHeader)
        {
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await reader.ReadAsync(context.RequestAborted);
        }

        var valid = !result.IsCompleted || announced > maxBytes || IsValidOrUnjudgeable(result.Buffer, method, context.Request.Headers["grpc-encoding"].ToString());
        reader.AdvanceTo(result.Buffer.Start); // nothing consumed: grpc-dotnet reads the body from the start
        if (valid)
        {
            await next(context);
            return;
        }

        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)StatusCode.InvalidArgument).ToString();
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(MalformedMessage.Error(ParserOf(method).Name).Status.Detail);
    }

    /// <summary>The message length the frame header announces (bytes 1–4, big-endian).</summary>
    private static long Announced(ReadOnlySequence<byte> body)
    {
        Span<byte> header = stackalloc byte[FrameHeader];
        body.Slice(0, FrameHeader).CopyTo(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
    }

    private bool IsValidOrUnjudgeable(ReadOnlySequence<byte> body, IMethod method, string encoding)
    {
        if (body.Length < FrameHeader || Announced(body) != body.Length - FrameHeader) return true;
        var payload = body.Slice(FrameHeader);
        var compressed = body.FirstSpan[0];
        if (compressed == 1)
        {
            if (encoding != "gzip" || Decompressed(payload) is not { } plain) return true;
            payload = new ReadOnlySequence<byte>(plain);
        }
        else if (compressed != 0) return true;

        try
        {
            ParserOf(method).Parser.ParseFrom(payload);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    /// <summary>The decompressed message, or null when it is not gzip or larger than the limit (a gzip bomb:
    /// grpc-dotnet refuses it by size).</summary>
    private byte[]? Decompressed(ReadOnlySequence<byte> payload)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(payload.ToArray()), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = gzip.Read(chunk)) > 0)
            {
                plain.Write(chunk, 0, read);
                if (plain.Length > maxBytes) return null;
            }

            return plain.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The request message's parser and name, found once per method.</summary>
    private static (MessageParser Parser, string Name) ParserOf(IMethod method) => Parsers.GetOrAdd(method, m =>
    {
        var type = m.GetType().GetGenericArguments()[0];
        return ((MessageParser)type.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!, type.Name);
    });
}
