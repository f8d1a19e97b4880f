using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace EligibilityEngine.Tests.Support;

/// <summary>
/// A real browser for the page tests: Debian's headless Chromium driven by Debian's chromedriver (apt packages
/// chromium and chromium-driver; .ci/run installs them), with axe-core (from the Deque.AxeCore.Commons package) to check
/// WCAG 2.1 A/AA, and screenshots of the states the tests reach in artifacts/screenshots.
/// </summary>
public sealed class Browser : IDisposable
{
    private static readonly Lazy<string> AxeScript = new(() =>
    {
        using var stream = System.Reflection.Assembly.Load("Deque.AxeCore.Commons").GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("Deque.AxeCore.Commons does not hold axe.min.js");
        return new StreamReader(stream).ReadToEnd();
    });

    private Browser(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    /// <param name="downloads">Where files the page offers for download are saved, without asking.</param>
    public static Browser Start(string? downloads = null)
    {
        const string chromium = "/usr/bin/chromium", chromedriver = "/usr/bin/chromedriver";
        if (!File.Exists(chromium) || !File.Exists(chromedriver))
            throw new InvalidOperationException("the page tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        var options = new ChromeOptions { BinaryLocation = chromium };
        // --no-sandbox: the tests may run as root (CI), where Chromium's sandbox does not start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=nl-NL");
        if (downloads is not null)
        {
            options.AddUserProfilePreference("download.default_directory", downloads);
            options.AddUserProfilePreference("download.prompt_for_download", false);
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(chromedriver), Path.GetFileName(chromedriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        return new Browser(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
    }

    public void Open(Uri address) => Driver.Navigate().GoToUrl(address);

    /// <summary>axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now: one line per violation, empty when none.</summary>
    public IReadOnlyList<string> AccessibilityViolations()
    {
        Driver.ExecuteScript(AxeScript.Value);
        var json = Driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then(r => done(JSON.stringify(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')'))));
            """) as string ?? throw new InvalidOperationException("axe-core gave no result");
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    /// <summary>Clicks a button or link that loads a page, and waits until the new page has replaced the old one.</summary>
    public void ClickToLoad(IWebElement element) => ToLoad(element.Click);

    /// <summary>Types keys (e.g. Enter in a field, which submits its form) and waits for the page they load.</summary>
    public void TypeToLoad(IWebElement element, string keys) => ToLoad(() => element.SendKeys(keys));

    private void ToLoad(Action action)
    {
        var old = Driver.FindElement(By.TagName("html"));
        action();
        new OpenQA.Selenium.Support.UI.WebDriverWait(Driver, TimeSpan.FromSeconds(30)).Until(driver =>
        {
            try
            {
                _ = old.TagName; // throws once the page it belonged to is gone
                return false;
            }
            // ChromeDriver sometimes says "gone" as an inspector error instead of a stale reference (seen once in CI).
            catch (Exception ex) when (ex is StaleElementReferenceException
                                       || (ex is UnknownErrorException && ex.Message.Contains("does not belong to the document", StringComparison.Ordinal)))
            {
                return Equals(((IJavaScriptExecutor)driver).ExecuteScript("return document.readyState"), "complete");
            }
        });
    }

    /// <summary>The element whose id is <paramref name="id"/>.</summary>
    public IWebElement ById(string id) => Driver.FindElement(By.Id(id));

    /// <summary>The texts of the elements <paramref name="css"/> selects, in page order.</summary>
    public IReadOnlyList<string> Texts(string css) => Driver.FindElements(By.CssSelector(css)).Select(e => e.Text).ToList();

    /// <summary>Saves what the page looks like to artifacts/screenshots/NAME.png.</summary>
    public void Screenshot(string name)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        Driver.GetScreenshot().SaveAsFile(Path.Combine(folder, name + ".png"));
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
