using EligibilityEngine.Facts;
using Google.Protobuf;
using Microsoft.Net.Http.Headers;

namespace EligibilityEngine.Host.Json;

/// <summary>
/// Makes every error of the JSON side a problem details document (<see cref="Problem"/>): the errors JSON transcoding
/// writes as google.rpc.Status, and the empty 404/405 of routing (a 404 at a path whose routes take other methods is
/// 405 with <c>Allow</c>, see <see cref="AllowedMethods"/>). Also refuses, before anything else runs, a request line or
/// headers over <see cref="RequestSizeLimits"/> (414, 431), a path with a trailing slash (404, /core/no-trailing-slash:
/// no redirect) and an Accept header that allows no JSON (406). gRPC calls pass untouched.
/// </summary>
public sealed class ProblemResponseMiddleware(RequestDelegate next, ILogger<ProblemResponseMiddleware> logger)
{
    private static readonly JsonParser StatusParser = new(JsonParser.Settings.Default.WithTypeRegistry(
        Google.Protobuf.Reflection.TypeRegistry.FromMessages(Google.Rpc.BadRequest.Descriptor)));

    public async Task InvokeAsync(HttpContext context)
    {
        if (RequestSizeLimits.Refusal(context) is { } tooLarge)
        {
            await tooLarge.WriteAsync(context);
            return;
        }

        var path = context.Request.Path.Value ?? "";
        if (path.Length > 1 && path.EndsWith('/'))
        {
            await Problem.Create(context, 404, $"Paden eindigen niet op een schuine streep (API Design Rules /core/no-trailing-slash): gebruik {path.TrimEnd('/')}.")
                .WriteAsync(context);
            return;
        }

        if (!AcceptsJson(context.Request))
        {
            await Problem.Create(context, 406, "Deze API antwoordt alleen met JSON: vraag application/json (of laat de Accept-header weg).").WriteAsync(context);
            return;
        }

        var original = context.Response.Body;
        var capture = new ErrorCaptureStream(original, context.Response);
        context.Response.Body = capture;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // The exception's type only: its message may quote a request.
            logger.LogError("Unhandled {ExceptionType} on the JSON side; answered 500", ex.GetType().Name);
            context.Response.Body = original;
            await Problem.Create(context, 500, Problem.ServerErrorDetail).WriteAsync(context);
            return;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (capture.Captured is { } written)
        {
            await Rewrite(context, written.ToArray());
        }
        else if (context.Response.StatusCode >= 400 && !context.Response.HasStarted)
        {
            if (context.Response.StatusCode == StatusCodes.Status404NotFound && AllowedMethods.At(context) is [_, ..] allowed)
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = string.Join(", ", allowed);
            }

            await Problem.Create(context, context.Response.StatusCode, EmptyErrorDetail(context)).WriteAsync(context);
        }
    }

    /// <summary>An error body from JSON transcoding (google.rpc.Status) as problem details; anything else as it was.</summary>
    private static async Task Rewrite(HttpContext context, byte[] body)
    {
        Google.Rpc.Status status;
        try
        {
            status = StatusParser.Parse<Google.Rpc.Status>(System.Text.Encoding.UTF8.GetString(body));
        }
        catch (InvalidProtocolBufferException)
        {
            status = new Google.Rpc.Status();
        }

        await Problem.FromStatus(context, context.Response.StatusCode, status).WriteAsync(context);
    }

    private static string EmptyErrorDetail(HttpContext context) => context.Response.StatusCode switch
    {
        404 => $"Geen resource op {context.Request.Path}; de routes staan in /v1/openapi.json.",
        405 => $"{FactText.Cut(context.Request.Method)} is hier niet toegestaan"
               + (context.Response.Headers.Allow.Count > 0 ? $"; wel {context.Response.Headers.Allow}" : "") + ". De methoden per route staan in /v1/openapi.json.",
        _ => Problem.TitleOf(context.Response.StatusCode) + ".",
    };

    private static bool AcceptsJson(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0) return true;
        return accepted.Any(a => a.Quality != 0 && (a.MatchesAllTypes
            || a.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
            || a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || a.MediaType.Equals(Problem.ContentType, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// Passes a success body straight through; keeps an error body of transcoding (status ≥ 400 at the first write) back
    /// so that it can be rewritten. Decided once, at the first write, when the status is known.
    /// </summary>
    private sealed class ErrorCaptureStream(Stream inner, HttpResponse response) : Stream
    {
        private bool? _capturing;

        public MemoryStream? Captured { get; private set; }

        private Stream Target()
        {
            // A problem written by this host's own middleware passes as it is, and so does a page for people.
            _capturing ??= response.StatusCode >= 400 && response.ContentType?.StartsWith(Problem.ContentType, StringComparison.Ordinal) != true
                && response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) != true;
            if (_capturing == true) return Captured ??= new MemoryStream();
            return inner;
        }

        public override void Write(byte[] buffer, int offset, int count) => Target().Write(buffer, offset, count);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Target().WriteAsync(buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Target().WriteAsync(buffer, cancellationToken);

        public override void Flush()
        {
            if (_capturing != true) inner.Flush();
        }

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            _capturing == true ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
