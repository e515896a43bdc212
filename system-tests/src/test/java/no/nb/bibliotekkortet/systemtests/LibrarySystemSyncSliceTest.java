package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, as a library-system vendor tries it against the running suite through the gateway: Bergen's system
 * registers a webhook at a local listener (loopback targets are allowed in the dev profile only, by
 * {@code register.webhooks.allow-private-addresses}), adds a patron registered at Oslo, makes Bergen the home
 * library; both libraries' feeds carry MEMBERSHIP_ADDED and HOME_LIBRARY_CHANGED, and the listener receives them
 * signed, verified exactly as a vendor would with the Standard Webhooks scheme and with the register's own header.
 * Also: a well-formed card number outside the number space is a 422 naming the field, and the staff list of members.
 */
@RunningSuite
class LibrarySystemSyncSliceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OSLO = "2030000";
    private static final String BERGEN = "2120100";

    /** One delivery as received: headers (lower-case names) and the raw body. */
    record Delivery(Map<String, String> headers, String body) {
    }

    @Test
    void membershipChangesReachBothLibrariesFeedsAndASignedWebhook() throws Exception {
        String card = Suite.registerPatron("sync-" + UUID.randomUUID().toString().substring(0, 8) + "@example.no", "4827");
        String osloRead = maskinporten("library-system-2030000", "patrons.read");
        String patronId = gateway(osloRead).header("Library-Number", OSLO).get("/api/v1/patrons/" + card)
                .then().statusCode(200).extract().path("patronId");

        List<Delivery> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        receiver.createContext("/bergen-hooks", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            received.add(new Delivery(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String bergenRead = maskinporten("library-system-2120100", "patrons.read");
        String secret = "vendor-secret-" + UUID.randomUUID().toString().replace("-", "");
        try {
            gateway(bergenRead).header("Library-Number", BERGEN)
                    .body("{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/bergen-hooks\", \"secret\": \""
                            + secret + "\"}")
                    .put("/api/v1/changes/webhook").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

            String bergenStaff = maskinporten("library-system-2120100", "memberships");
            gateway(bergenStaff).body("{\"cardNumber\": \"" + card + "\"}")
                    .post("/api/v1/libraries/" + BERGEN + "/memberships").then().statusCode(201).body("home", equalTo(false));
            // (The register delivers membership changes asynchronously: move the home once the addition is in the feed.)
            assertEquals(List.of("MEMBERSHIP_ADDED"), awaitMembershipKinds(osloRead, OSLO, patronId, 1));
            gateway(bergenStaff).body("{\"cardNumber\": \"" + card + "\", \"libraryNumber\": \"" + BERGEN + "\"}")
                    .put("/api/v1/libraries/" + BERGEN + "/home-library").then().statusCode(200);

            for (String library : List.of(OSLO, BERGEN)) {
                String token = OSLO.equals(library) ? osloRead : bergenRead;
                List<String> kinds = awaitMembershipKinds(token, library, patronId, 2);
                assertEquals(List.of("MEMBERSHIP_ADDED", "HOME_LIBRARY_CHANGED"), kinds, "feed of " + library);
            }

            // (Only Bergen has a webhook here; Oslo sees the same records in its feed, checked above.)
            Delivery added = awaitDelivery(received, patronId, "MEMBERSHIP_ADDED");
            Delivery home = awaitDelivery(received, patronId, "HOME_LIBRARY_CHANGED");
            for (Delivery d : List.of(added, home)) {
                assertTrue(verifiesAsStandardWebhooks("whsec_" + Base64.getEncoder().encodeToString(
                        secret.getBytes(StandardCharsets.UTF_8)), d), "Standard Webhooks signature of " + d.headers());
                assertTrue(verifiesAsBibliotekkortet(secret, d), "Bibliotekkortet-Signature of " + d.headers());
                assertTrue(!verifiesAsStandardWebhooks("whsec_" + Base64.getEncoder().encodeToString(
                        "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8)), d), "a wrong key fails");
            }
            JsonNode homeChange = JSON.readTree(home.body());
            assertEquals(BERGEN, homeChange.path("membership").path("libraryNumber").asText(), home.body());
            assertEquals(OSLO, homeChange.path("membership").path("previousHomeLibrary").asText(), home.body());

            // The staff list of Bergen's members has the patron, as ACTIVE.
            String next = null;
            boolean listed = false;
            for (int page = 0; page < 100 && !listed; page++) {
                var request = gateway(bergenStaff).queryParam("state", "ACTIVE").queryParam("limit", 1000);
                if (next != null) {
                    request.queryParam("after", next);
                }
                JsonNode body = JSON.readTree(request.get("/api/v1/libraries/" + BERGEN + "/memberships")
                        .then().statusCode(200).extract().asString());
                for (JsonNode m : body.path("memberships")) {
                    listed |= patronId.equals(m.path("patronId").asText()) && m.path("home").asBoolean();
                }
                next = body.path("next").isNull() ? null : body.path("next").asText();
                if (next == null) {
                    break;
                }
            }
            assertTrue(listed, "the patron in Bergen's list of ACTIVE members, as home library");
            gateway(maskinporten("library-system-2030000", "memberships")).get("/api/v1/libraries/" + BERGEN + "/memberships")
                    .then().statusCode(403).body("type", containsString("library-not-allowed"));
            gateway().get("/api/v1/libraries/" + BERGEN + "/memberships").then().statusCode(401)
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"bibliotekkortet\""));
        } finally {
            gateway(bergenRead).header("Library-Number", BERGEN).delete("/api/v1/changes/webhook");
            receiver.stop(0);
        }
    }

    /** A card number of the right form but outside the number space can never be issued: 422 naming it, never 503. */
    @Test
    void aCardNumberOutsideTheNumberSpaceIs422() {
        String body = """
                {"identityNumber": "%s", "givenNames": "Kari", "surname": "Nordmann",
                 "permanentAddress": {"streetLines": ["Storgata 1"], "postcode": "0150", "place": "Oslo"},
                 "email": "space@example.no", "phones": {"mobile": "41234567"}, "preferredChannel": "EMAIL", "language": "nb",
                 "pin": "4827", "cardNumber": "N000000000"}""".formatted(SyntheticIdentityNumbers.next());
        Suite.retrying503(() -> gateway(maskinporten("library-system-2030000", "patrons.write")).header("Library-Number", OSLO)
                        .body(body).post("/api/v1/patrons"))
                .then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("cardNumber")).body("rule", containsString("R12"))
                .header("Retry-After", org.hamcrest.Matchers.nullValue());
    }

    /** A token for another API is refused with an RFC 6750 challenge naming the audience this API wants. */
    @Test
    void aWrongAudienceTokenIsToldWhichAudience() {
        String foreign = Suite.mockToken("maskinporten", "library-system-2030000", new String[] {"bibliotekkortet:patrons.read"},
                "https://other-api.example", Map.of());
        gateway(foreign).header("Library-Number", OSLO).get("/api/v1/changes").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .header("WWW-Authenticate", containsString("audience must include " + Suite.PUBLIC_AUDIENCE))
                .header("WWW-Authenticate", org.hamcrest.Matchers.not(containsString("other-api")));
    }

    private static List<String> awaitMembershipKinds(String token, String library, String patronId, int expected) throws Exception {
        List<String> kinds = List.of();
        for (int attempt = 0; attempt < 150 && kinds.size() < expected; attempt++) {
            if (attempt > 0) {
                Thread.sleep(200);
            }
            kinds = new java.util.ArrayList<>();
            String after = null;
            for (int page = 0; page < 1000; page++) {
                var request = gateway(token).header("Library-Number", library).queryParam("limit", 1000).queryParam("records", false);
                if (after != null) {
                    request.queryParam("after", after);
                }
                JsonNode body = JSON.readTree(request.get("/api/v1/changes").then().statusCode(200).extract().asString());
                for (JsonNode change : body.path("changes")) {
                    if (patronId.equals(change.path("patronId").asText())
                            && BERGEN.equals(change.path("membership").path("libraryNumber").asText())) {
                        kinds.add(change.path("kind").asText());
                    }
                }
                after = body.path("next").asText();
                if (!body.path("more").asBoolean()) {
                    break;
                }
            }
        }
        return kinds;
    }

    private static Delivery awaitDelivery(List<Delivery> received, String patronId, String kind) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            for (Delivery d : received) {
                if (d.body().contains(patronId) && d.body().contains("\"" + kind + "\"")) {
                    return d;
                }
            }
            Thread.sleep(200);
        }
        assertNotNull(null, "no webhook delivery of " + kind + " within 60 s; received " + received.size());
        return null;
    }

    /**
     * Standard Webhooks verification as its reference libraries do it: key = base64 after {@code whsec_}; expected =
     * base64(HMAC-SHA256(key, id.timestamp.body)); any {@code v1,<sig>} of the space-separated list may match; the
     * timestamp within 5 minutes.
     */
    static boolean verifiesAsStandardWebhooks(String key, Delivery d) throws Exception {
        String id = d.headers().get("webhook-id");
        String timestamp = d.headers().get("webhook-timestamp");
        String signatures = d.headers().get("webhook-signature");
        if (id == null || timestamp == null || signatures == null
                || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(key.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + d.body()).getBytes(StandardCharsets.UTF_8));
        for (String signature : signatures.split(" ")) {
            String[] parts = signature.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }

    /** The register's own scheme (docs/patron-service.md): sha256=hex(HMAC(secret, timestamp.body)). */
    static boolean verifiesAsBibliotekkortet(String secret, Delivery d) throws Exception {
        String timestamp = d.headers().get("bibliotekkortet-timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + d.body()).getBytes(StandardCharsets.UTF_8)));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                String.valueOf(d.headers().get("bibliotekkortet-signature")).getBytes(StandardCharsets.US_ASCII));
    }
}
