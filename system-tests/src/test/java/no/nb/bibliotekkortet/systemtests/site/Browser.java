package no.nb.bibliotekkortet.systemtests.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's chromium + chromium-driver, no download) shared by the site's tests, with
 * the helpers the journeys need: the local ID-porten's login page, forms, keyboard-only navigation, axe-core
 * run inside the page, and a record of every address and title seen (to check them for identity numbers).
 */
public final class Browser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final ChromeDriver driver;
    private final WebDriverWait wait;
    /** Every URL and page title seen by this browser. */
    public final List<String> seen = new ArrayList<>();

    public Browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1100", "--lang=nb-NO", "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        wait = new WebDriverWait(driver, Duration.ofSeconds(90));
    }

    /** Opens a path of the site (through the gateway). */
    public void open(String path) {
        driver.get(Suite.gatewayUrl() + path);
        record();
    }

    /** Forgets the cookies of the site and of the local ID-porten (a new citizen on the same browser). */
    public void newCitizen() {
        driver.get(Suite.oidcUrl() + "/idporten/.well-known/openid-configuration");
        driver.manage().deleteAllCookies();
        driver.get(Suite.gatewayUrl() + "/");
        driver.manage().deleteAllCookies();
    }

    /** On the local ID-porten's login page: types the identity number and the claims (pid, acr), signs in. */
    public void idportenLogin(String identityNumber, String acr) {
        WebElement user = wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        user.sendKeys(identityNumber);
        WebElement claims = driver.findElement(By.name("claims"));
        claims.clear();
        claims.sendKeys("{\"pid\": \"" + identityNumber + "\", \"acr\": \"" + acr + "\"}");
        driver.findElement(By.cssSelector("input[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(Suite.gatewayUrl()));
        record();
    }

    public WebElement byId(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    public void type(String id, String text) {
        WebElement e = byId(id);
        e.clear();
        e.sendKeys(text);
    }

    public void choose(String id, String value) {
        new Select(byId(id)).selectByValue(value);
    }

    public void tick(String id) {
        WebElement e = byId(id);
        if (!e.isSelected()) {
            e.click();
        }
    }

    /** Clicks the element with this id and waits for the next page to load. */
    public void submit(String id) {
        submit(byId(id));
    }

    /**
     * Clicks and waits until this page is gone and the next has loaded (waiting for an element of the next page
     * alone is not enough when the page clicked on holds the same element, as a "done" message).
     */
    public void submit(WebElement e) {
        e.click();
        waitUntilGone(e);
        waitLoaded();
        record();
    }

    /**
     * Waits until the element's page has been replaced. Selenium's {@code stalenessOf} knows only its own "stale
     * element" error; while the next page is loading Chrome may instead say the node "does not belong to the
     * document", which means the same.
     */
    private void waitUntilGone(WebElement e) {
        wait.until(d -> {
            try {
                e.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException other) {
                if (other.getMessage() != null && other.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw other;
            }
        });
    }

    public void waitLoaded() {
        wait.until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    }

    public void waitFor(String cssSelector) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(cssSelector)));
    }

    public String text(String id) {
        return byId(id).getText();
    }

    public String path() {
        return driver.getCurrentUrl().substring(Suite.gatewayUrl().length());
    }

    public String source() {
        return driver.getPageSource();
    }

    /** Presses Tab until the element with this id has the focus (at most 60 times); fails when it never does. */
    public void tabTo(String id) {
        for (int i = 0; i < 60; i++) {
            Object active = driver.executeScript("return document.activeElement && document.activeElement.id");
            if (id.equals(active)) {
                return;
            }
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        fail("keyboard focus never reached #" + id + " on " + path());
    }

    /** Types into whatever has the keyboard focus. */
    public void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Keyboard only: Tab to the element, press the key, wait for the next page. */
    public void pressOn(String id, CharSequence key) {
        tabTo(id);
        WebElement e = driver.findElement(By.id(id));
        keys(key);
        waitUntilGone(e);
        waitLoaded();
        record();
    }

    /** A screenshot of one element, as PNG bytes. */
    public byte[] screenshot(String id) {
        return byId(id).getScreenshotAs(OutputType.BYTES);
    }

    /** A screenshot of the whole window, saved to a file (docs). */
    public void saveScreenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Runs axe-core (npm, installed into target/npm by the build) in the current page against WCAG 2.1 A/AA;
     * fails listing every serious or critical violation.
     */
    public void assertAccessible() {
        String axe;
        try {
            axe = Files.readString(ProjectFiles.root().resolve("system-tests/target/npm/node_modules/axe-core/axe.min.js"));
        } catch (IOException e) {
            throw new IllegalStateException("axe-core is missing: build system-tests (npm ci runs in generate-test-resources)", e);
        }
        driver.executeScript(axe + "\n;return true;");
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                      targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))))
                  .catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', targets: [String(e)]}])));
                """);
        try {
            JsonNode violations = JSON.readTree((String) result);
            List<String> bad = new ArrayList<>();
            for (JsonNode v : violations) {
                String impact = v.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    bad.add(v.path("id").asText() + " (" + impact + ") at " + v.path("targets"));
                }
            }
            assertTrue(bad.isEmpty(), "accessibility violations on " + path() + ": " + bad);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The page is the site's own (an HTML page) and shows no raw problem document. */
    public void assertNoRawProblem() {
        String html = source();
        assertFalse(html.contains("bibliotekkortet.no/problems/"), "raw problem type on " + path());
        assertFalse(html.contains("\"status\":"), "raw problem JSON on " + path());
    }

    public Map<String, String> cookieFlags(String name) {
        var c = driver.manage().getCookieNamed(name);
        assertTrue(c != null, "cookie " + name + " is missing");
        return Map.of("httpOnly", String.valueOf(c.isHttpOnly()), "secure", String.valueOf(c.isSecure()),
                "sameSite", String.valueOf(c.getSameSite()));
    }

    public void assertTitleContains(String text) {
        assertTrue(driver.getTitle().contains(text), "title '" + driver.getTitle() + "' lacks '" + text + "'");
    }

    public void assertLang(String lang) {
        assertEquals(lang, driver.findElement(By.tagName("html")).getAttribute("lang"));
    }

    private void record() {
        seen.add(driver.getCurrentUrl());
        seen.add(driver.getTitle());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
