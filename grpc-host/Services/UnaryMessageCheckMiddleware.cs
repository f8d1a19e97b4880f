using System.Buffers.Binary;
using System.IO.Compression;
using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace EligibilityEngine.GrpcHost.Services;

/// <summary>
/// Parses the one message of a unary gRPC request before grpc-dotnet does, and answers a message that is not valid
/// protobuf with INVALID_ARGUMENT (trailers-only). grpc-dotnet deserialises unary requests before any interceptor runs
/// and turns the parser's exception into UNKNOWN with an Error-level stack trace; see <see cref="MalformedMessage"/>.
/// Requests it cannot judge (not one complete frame, an unknown compression) go on to grpc-dotnet, which refuses them
/// with its own status.
/// </summary>
public sealed class UnaryMessageCheckMiddleware(RequestDelegate next, int maxBytes)
{
    private const int FrameHeader = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method;
        if (method is not { Type: MethodType.Unary } || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            await next(context);
            return;
        }

        using var buffer = new MemoryStream();
        // Beyond the limit grpc-dotnet answers RESOURCE_EXHAUSTED itself: stop copying there and let it read the rest.
        var copied = await CopyAtMost(context.Request.Body, buffer, maxBytes + FrameHeader + 1, context.RequestAborted);
        var body = buffer.ToArray();
        var rest = context.Request.Body;
        context.Request.Body = copied ? new ConcatenatedStream(body, rest) : new MemoryStream(body);
        if (!copied && Payload(body, context.Request.Headers["grpc-encoding"].ToString(), maxBytes) is { } payload && !Parses(method, payload))
        {
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = ((int)StatusCode.InvalidArgument).ToString();
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(MalformedMessage.Error(RequestType(method).Name).Status.Detail);
            return;
        }

        await next(context);
    }

    /// <summary>True when the body was longer than <paramref name="limit"/> (only the first part copied).</summary>
    private static async Task<bool> CopyAtMost(Stream from, MemoryStream to, int limit, CancellationToken cancellation)
    {
        var chunk = new byte[16384];
        int read;
        while ((read = await from.ReadAsync(chunk, cancellation)) > 0)
        {
            to.Write(chunk, 0, read);
            if (to.Length > limit) return true;
        }

        return false;
    }

    /// <summary>The message bytes of a body holding exactly one complete frame, decompressed; null when it does not.</summary>
    private static byte[]? Payload(byte[] body, string encoding, int maxBytes)
    {
        if (body.Length < FrameHeader) return null;
        var length = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4));
        if (length != body.Length - FrameHeader || length > maxBytes) return null;
        var payload = body[FrameHeader..];
        if (body[0] == 0) return payload;
        if (body[0] != 1 || encoding != "gzip") return null;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = gzip.Read(chunk)) > 0)
            {
                plain.Write(chunk, 0, read);
                if (plain.Length > maxBytes) return null; // a gzip bomb: grpc-dotnet refuses it by size
            }

            return plain.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static bool Parses(IMethod method, byte[] payload)
    {
        try
        {
            ParserOf(RequestType(method)).ParseFrom(payload);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    private static Type RequestType(IMethod method) => method.GetType().GetGenericArguments()[0];

    private static MessageParser ParserOf(Type message) =>
        (MessageParser)message.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>The bytes already read, then the rest of the request body.</summary>
    private sealed class ConcatenatedStream(byte[] head, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= head.Length) return await rest.ReadAsync(buffer, cancellationToken);
            var count = Math.Min(buffer.Length, head.Length - _position);
            head.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
