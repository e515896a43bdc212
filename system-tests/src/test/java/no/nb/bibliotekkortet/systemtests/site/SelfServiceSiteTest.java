package no.nb.bibliotekkortet.systemtests.site;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.systemtests.support.Suite.ADMIN;
import static no.nb.bibliotekkortet.systemtests.support.Suite.freshLibrary;
import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;

/**
 * bibliotekkortet.no (selfservice-web) in headless Chromium against the running suite, through the gateway
 * and the local ID-porten's login page (issue 19): a citizen registers with a home library, sees the card and
 * its barcode (decoded from a screenshot with ZXing), adds and activates a digital library after reading its
 * loan rules, makes it the home library, changes the phone with the code from the SMS stub, registers a child,
 * and unregisters, seeing the libraries to contact. Every page passes axe-core (WCAG 2.1 A/AA, no serious or
 * critical violation); a second citizen registers in nynorsk with the keyboard only. Also: a form post without
 * the CSRF token is refused, the session cookie is HttpOnly/Secure/SameSite, API errors are plain language,
 * and no identity number appears in any address, title, the site's log or the gateway's access log.
 * One browser for the class (kept lean: the whole CI run has a time budget).
 */
@RunningSuite
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfServiceSiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");

    private Browser browser;
    private final List<String> identityNumbers = new ArrayList<>();
    private final Path screenshots = ProjectFiles.root().resolve("system-tests/target/site-screenshots");

    @BeforeAll
    void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String citizen(LocalDate around) {
        String id = SyntheticIdentityNumbers.bornOn(around.plusDays(ThreadLocalRandom.current().nextInt(3000)));
        identityNumbers.add(id);
        return id;
    }

    /** A valid Norwegian mobile number: 9 and seven digits (every 9xxxxxxx is a mobile range; 4x is not all). */
    private static String mobile() {
        return "9" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    private void page(String name) throws Exception {
        browser.assertNoRawProblem();
        browser.assertAccessible();
        browser.saveScreenshot(screenshots.resolve(name + ".png"));
    }

    @Test
    @Order(1)
    void aCitizenRegistersAndUsesEveryPageOfTheSite() throws Exception {
        String pid = citizen(LocalDate.of(1970, 1, 1));
        String phone = mobile();
        browser.newCitizen();
        browser.open("/");
        browser.assertLang("nb");
        page("front");
        browser.submit("login-substantial");
        browser.idportenLogin(pid, "idporten-loa-substantial");

        // The session: only quarkus-oidc's encrypted cookie, HttpOnly, Secure, SameSite=Lax.
        var flags = browser.cookieFlags("q_session");
        assertEquals("true", flags.get("httpOnly"));
        assertEquals("true", flags.get("secure"));
        assertEquals("Lax", flags.get("sameSite"));
        assertFalse(browser.driver.manage().getCookieNamed("q_session").getValue().contains(pid));

        // First visit: the registration form; a submission without the terms is refused with a linked summary.
        browser.waitFor("#register-submit");
        assertEquals("/register", browser.path());
        page("register");
        browser.choose("homeLibrary", "2030000");
        browser.type("givenNames", "Kari");
        browser.type("surname", "Nordmann");
        browser.type("email", "kari." + phone + "@example.no");
        browser.type("mobile", phone);
        browser.type("pin", "4831");
        browser.submit("register-submit");
        assertTrue(browser.source().contains("href=\"#terms\""), "the error summary links to the terms box");
        browser.assertAccessible();
        browser.type("pin", "4831");
        browser.tick("terms");
        browser.submit("register-submit");

        // My card: the welcome says what is true (the home library activates in person), the barcode decodes.
        assertTrue(browser.path().startsWith("/card"), browser.path());
        String welcome = browser.text("welcome");
        assertTrue(welcome.contains("venter på aktivering"), welcome);
        String cardNumber = browser.text("card-number");
        assertTrue(cardNumber.matches("N\\d{9}"), cardNumber);
        var image = ImageIO.read(new ByteArrayInputStream(browser.screenshot("barcode")));
        String decoded = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
        assertEquals(cardNumber, decoded);
        page("card");

        // A form post without the CSRF token is refused, with the citizen's own session cookies.
        var cookies = new java.util.HashMap<String, String>();
        browser.driver.manage().getCookies().forEach(c -> cookies.put(c.getName(), c.getValue()));
        int status = given().baseUri(Suite.gatewayUrl()).cookies(cookies).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("pin", "9999")
                .post("/details/pin").statusCode();
        assertEquals(400, status, "a post without the CSRF token must be refused");

        // My libraries: add a library that activates digitally, read its loan rules, activate, make it home.
        String digital = freshLibrary("DIGITAL");
        String rules = "Lånetid 28 dager. Maks 30 lån. Scenario " + digital + ".";
        gateway(maskinporten(ADMIN, "admin")).body(JSON.createObjectNode().put("text", rules).toString())
                .post("/api/v1/libraries/" + digital + "/loan-rules").then().statusCode(201);
        browser.open("/libraries?q=Scenario+" + digital);
        browser.choose("libraryNumber", digital);
        browser.submit("add-submit");
        assertTrue(browser.text("done").contains("lagt til"));
        page("libraries");
        browser.open("/libraries/" + digital + "/activate");
        assertTrue(browser.text("loan-rules").contains("Lånetid 28 dager"));
        page("activate");
        browser.tick("accept");
        browser.submit("activate-submit");
        assertTrue(browser.source().contains("Medlemskapet er aktivert"));
        String row = "tr[data-library='" + digital + "']";
        assertTrue(browser.driver.findElement(org.openqa.selenium.By.cssSelector(row)).getText().contains("Aktiv"));
        browser.submit(browser.driver.findElement(org.openqa.selenium.By.cssSelector(row + " button")));
        assertTrue(browser.text("done").contains("Hjemmebiblioteket er endret"), browser.text("done"));
        assertTrue(browser.driver.findElement(org.openqa.selenium.By.cssSelector(row)).getText().contains("hjemmebibliotek"));

        // My details: a new phone number, confirmed with the one-time code sent by SMS to the current phone.
        String newPhone = mobile();
        browser.open("/details");
        page("details");
        browser.tick("kind-mobile");
        browser.type("value", newPhone);
        browser.tick("channel-sms");
        browser.submit("contact-submit");
        page("confirm-code");
        browser.type("code", smsCode(phone));
        browser.submit("code-submit");
        assertTrue(browser.text("current-mobile").contains(newPhone.substring(2)), browser.text("current-mobile"));

        // My children: an adult's number is refused in plain language; a child under 15 is registered.
        browser.open("/children");
        page("children");
        browser.type("identityNumber", citizen(LocalDate.of(1960, 1, 1)));
        browser.type("givenNames", "Ola");
        browser.type("surname", "Nordmann");
        browser.choose("homeLibrary", "2030000");
        browser.type("email", "kari." + phone + "@example.no");
        browser.submit("child-submit");
        browser.waitFor("#error-summary-heading");
        assertTrue(browser.source().contains("Barnet må være under 15 år"), "the API's refusal in plain language");
        browser.assertNoRawProblem();
        String child = citizen(LocalDate.now().minusYears(10).minusDays(300));
        browser.type("identityNumber", child);
        browser.choose("homeLibrary", "2030000");
        browser.submit("child-submit");
        assertTrue(browser.text("children-list").contains("Ola Nordmann"));

        // Unregister: consequences, confirmation, the libraries to contact; the session ends.
        browser.open("/unregister");
        page("unregister");
        browser.tick("confirm");
        browser.submit("unregister-submit");
        String remaining = browser.text("remaining-libraries");
        assertTrue(remaining.contains("Scenario " + digital), remaining);
        page("unregistered");
        browser.open("/card");
        assertTrue(browser.driver.getCurrentUrl().startsWith(Suite.oidcUrl()),
                "after unregistering the session has ended: " + browser.driver.getCurrentUrl());
    }

    @Test
    @Order(2)
    void aCitizenRegistersInNynorskWithTheKeyboardOnly() {
        String pid = citizen(LocalDate.of(1980, 6, 1));
        String libraryName = gateway(maskinporten("library-system-2030000", "memberships")).get("/api/v1/libraries/2030000")
                .then().statusCode(200).extract().path("name");
        browser.newCitizen();
        browser.open("/");
        browser.pressOn("lang-nn", Keys.ENTER);
        browser.assertLang("nn");
        browser.assertTitleContains("Lånekort til alle bibliotek");
        browser.pressOn("login-high", Keys.ENTER);
        browser.idportenLogin(pid, "idporten-loa-high");
        browser.waitFor("#register-submit");
        browser.assertLang("nn");
        assertTrue(browser.source().contains("Registrer deg som lånar"));

        browser.tabTo("q");
        browser.keys(libraryName.substring(0, Math.min(6, libraryName.length())));
        browser.pressOn("q", Keys.ENTER);
        browser.tabTo("homeLibrary");
        for (int i = 0; i < 50 && !"2030000".equals(browser.driver.executeScript("return document.activeElement.value")); i++) {
            browser.keys(Keys.ARROW_DOWN);
        }
        assertEquals("2030000", browser.driver.executeScript("return document.getElementById('homeLibrary').value"));
        browser.tabTo("givenNames");
        browser.keys("Per");
        browser.tabTo("surname");
        browser.keys("Nynorsk");
        String phone = mobile();
        browser.tabTo("email");
        browser.keys("per." + phone + "@example.no");
        browser.tabTo("mobile");
        browser.keys(phone);
        browser.tabTo("pin");
        browser.keys("7316");
        browser.tabTo("terms");
        browser.keys(Keys.SPACE);
        browser.pressOn("register-submit", Keys.ENTER);

        assertTrue(browser.path().startsWith("/card"), browser.path());
        browser.assertLang("nn");
        assertTrue(browser.source().contains("Lånekortet mitt"));
        assertTrue(browser.text("welcome").contains("ventar på aktivering"), browser.text("welcome"));
        browser.assertAccessible();
        browser.pressOn("lang-nb", Keys.ENTER);
        browser.assertLang("nb");

        // Log out ends the site's session and the local ID-porten's, and lands on the front page.
        browser.pressOn("logout", Keys.ENTER);
        browser.waitFor("#login-substantial");
        assertTrue(browser.source().contains("Du er logget ut."), browser.path());
        assertTrue(browser.driver.manage().getCookieNamed("q_session") == null, "the session cookie is gone");
    }

    @Test
    @Order(3)
    void noIdentityNumberInAnyAddressTitleOrLog() throws Exception {
        assertFalse(identityNumbers.isEmpty());
        for (String id : identityNumbers) {
            for (String s : browser.seen) {
                assertFalse(s.contains(id), "identity number in an address or title: " + s);
            }
            for (Path log : List.of(ProjectFiles.root().resolve(".run/selfservice-web.log"),
                    ProjectFiles.root().resolve(".run/nginx/access.log"))) {
                if (Files.exists(log)) {
                    assertFalse(Files.readString(log).contains(id), "identity number in " + log);
                }
            }
        }
    }

    /** The 6-digit code of the newest SMS to this phone at the SMS provider stub (waits generously). */
    private static String smsCode(String phone) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode messages = JSON.readTree(given().get(Suite.smsStubUrl() + "/messages").then().statusCode(200).extract().asString());
            for (int i = messages.size() - 1; i >= 0; i--) {
                String body = messages.get(i).path("body").asText();
                if (body.contains(phone)) {
                    String text = body;
                    try {
                        text = JSON.readTree(body).toString();
                    } catch (Exception ignored) {
                        // not JSON: search the raw body
                    }
                    Matcher m = CODE.matcher(text.replace(phone, ""));
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no SMS with a code to " + phone);
    }
}
