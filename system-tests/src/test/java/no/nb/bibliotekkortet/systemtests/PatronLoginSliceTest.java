package no.nb.bibliotekkortet.systemtests;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 end to end through the gateway (R16, R17): a patron registered at 2030000 with a PIN logs in with
 * card + PIN at the self-service client (auth-service signs a patron token), sees the limited {@code /api/v1/me}
 * (patron-service verifies the token through auth-service's published JWKS), asks for a
 * {@code change-personal-data} code, receives it by e-mail in the SMTP sink (auth-service's outbox →
 * notification-service → SMTP), and changes the mobile number with it; the code cannot be used twice.
 */
@RunningSuite
class PatronLoginSliceTest {

    private static final String PIN = "4827";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void patronLogsInWithCardAndPinAndChangesThePhoneWithAOneTimeCode() throws Exception {
        String email = "otp-" + UUID.randomUUID().toString().substring(0, 8) + "@example.no";
        String card = Suite.registerPatron(email, PIN);

        // discovery and key set are public, and the discovery issuer is what the tokens carry
        gateway().get("/api/v1/.well-known/jwks.json").then().statusCode(200);
        String issuer = gateway().get("/api/v1/.well-known/openid-configuration").then().statusCode(200)
                .extract().path("issuer");

        String token = gateway(maskinporten("selfservice-web"))
                .body("{\"cardNumber\": \"" + card + "\", \"pin\": \"" + PIN + "\"}")
                .post("/api/v1/patron-sessions").then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).body("level", equalTo("nlsso-loa-low"))
                .extract().path("accessToken");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals(issuer, claims.path("iss").asText());
        assertEquals("nlsso-loa-low", claims.path("acr").asText());

        gateway(token).get("/api/v1/me").then().statusCode(200)
                .body("view", equalTo("LIMITED")).body("cardNumbers", hasItem(card))
                .body("phone", equalTo("+47******67"));

        String otpId = gateway(token).body("{\"purpose\": \"change-personal-data\", \"channel\": \"EMAIL\"}")
                .post("/api/v1/otp").then().statusCode(202).body("channel", equalTo("EMAIL"))
                .extract().path("otpId");
        String code = awaitCode(email);

        String change = "{\"otpId\": \"" + otpId + "\", \"code\": \"" + code + "\", \"phones\": {\"mobile\": \"+4791234599\"}}";
        gateway(token).body(change).patch("/api/v1/me").then().statusCode(200).body("phone", equalTo("+47******99"));
        gateway(token).body(change).patch("/api/v1/me").then().statusCode(403).body("rule", equalTo("USED"));

        gateway(maskinporten("library-system-2030000", "patrons.read")).header("Library-Number", "2030000")
                .get("/api/v1/patrons/" + card).then().statusCode(200).body("phones.mobile", equalTo("+4791234599"));
    }

    /** Polls GreenMail's REST API for the one-time-code mail to {@code address} and returns the 6 digits. */
    private static String awaitCode(String address) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            String body = given().baseUri(Suite.mailApiUrl()).get("/api/user/" + address + "/messages/INBOX")
                    .then().extract().asString();
            if (body != null && body.startsWith("[")) {
                for (JsonNode message : JSON.readTree(body)) {
                    if (message.path("subject").asText().contains("Engangskode")) {
                        String code = codeIn(message.path("mimeMessage").asText());
                        assertNotNull(code, "no 6-digit code in the one-time-code mail");
                        return code;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No one-time-code mail arrived in the SMTP sink");
    }

    /** The code in a raw MIME message whose text may be base64 or quoted-printable encoded. */
    static String codeIn(String mime) {
        Pattern code = Pattern.compile("(?:er|is)\\s+(\\d{6})\\b");
        StringBuilder texts = new StringBuilder(mime.replace("=\r\n", "").replace("=\n", ""));
        Matcher b64 = Pattern.compile("(?m)^([A-Za-z0-9+/=]{16,}\\r?\\n?)+").matcher(mime);
        while (b64.find()) {
            try {
                texts.append('\n').append(new String(Base64.getMimeDecoder().decode(b64.group()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException ignored) {
                // not base64 after all
            }
        }
        Matcher m = code.matcher(texts);
        return m.find() ? m.group(1) : null;
    }

}
