using System.Net;
using EligibilityEngine.Host.Json;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Web;

/// <summary>A person who reaches a page that cannot be given reads why in Dutch, in the pages' layout; a program on the
/// JSON API keeps getting problem details. The pipeline branches on whom the request is for.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class ErrorPageTests(RunningHost host) : IClassFixture<RunningHost>
{
    [Theory]
    [InlineData("/regels/bestaat-niet")]
    [InlineData("/nergens")]
    [InlineData("/fout")]
    public async Task A_page_that_does_not_exist_is_a_dutch_page_with_status_404(string path)
    {
        using var response = await Browse(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(ResponseHeadersMiddleware.HtmlPolicy);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<h1>Deze pagina bestaat niet</h1>");
        html.ShouldContain($"Op het adres {path} staat geen pagina.");
        html.ShouldContain("<nav aria-label=\"Hoofdmenu\">", Shouldly.Case.Sensitive, "the pages' own layout, with the way on");
    }

    [Fact]
    public async Task A_missing_route_of_the_json_api_stays_a_problem_even_for_a_browser()
    {
        using var response = await Browse("/v1/nergens");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Problem.ContentType);
    }

    private async Task<HttpResponseMessage> Browse(string path)
    {
        using var http = host.CreateHttp(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        // What a browser sends when it opens a page.
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return await http.SendAsync(request);
    }
}
