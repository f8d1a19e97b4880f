using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;

namespace EligibilityEngine.Host.Services;

/// <summary>
/// A request that is not valid protobuf (truncated, bad lengths, invalid UTF-8, groups nested too deep) is the caller's
/// error: INVALID_ARGUMENT, without repeating the bytes. grpc-dotnet would answer UNKNOWN and log a stack trace at
/// Error for every such request. Unary requests are checked by <see cref="UnaryMessageCheckMiddleware"/>; streamed
/// messages as they are read, here.
/// </summary>
public static class MalformedMessage
{
    public static RpcException Error(string messageType) =>
        new(new Status(StatusCode.InvalidArgument, $"the request is not a valid {messageType} protobuf message"));

    /// <summary>The messages of a stream, ending with INVALID_ARGUMENT at the first one that does not parse.</summary>
    public static async IAsyncEnumerable<T> ReadAll<T>(IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellation)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await reader.MoveNext(cancellation);
            }
            catch (InvalidProtocolBufferException)
            {
                throw Error(typeof(T).Name);
            }

            if (!more) yield break;
            yield return reader.Current;
        }
    }
}
