namespace EligibilityEngine.Host.Web;

/// <summary>Files the build embeds in the host (pages' styles and scripts), served as they are, open to everyone.</summary>
public static class EmbeddedFiles
{
    /// <param name="files">Where each is served (e.g. /assets/stijl.css), the logical name it is embedded under
    /// (e.g. assets/stijl.css) and its content type.</param>
    public static void Map(WebApplication app, IEnumerable<(string Route, string Resource, string ContentType)> files)
    {
        foreach (var (route, resource, contentType) in files)
        {
            var bytes = Read(resource);
            app.MapGet(route, () => Results.Bytes(bytes, contentType)).AllowAnonymous().DisableRateLimiting();
        }
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(EmbeddedFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the build did not embed {resource}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
