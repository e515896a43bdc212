package no.nb.bibliotekkortet.patron.support;

import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.TestApi;

/** patron-service's helpers beside test-support's {@link TestApi} (clients, cached tokens, requests): bodies, stubs. */
public final class PatronApi extends TestApi {

    public static final String STUBS = "numberseries-service,membership-service,auth-service,notification-service";

    private static final AtomicLong NUMBERS = new AtomicLong(System.currentTimeMillis() % 100_000_000L * 10);

    private PatronApi() {
    }

    /** A fresh, never-used printed card number ({@code N} + 9 digits). */
    public static String freshCardNumber() {
        return String.format("N%09d", NUMBERS.incrementAndGet() % 1_000_000_000L);
    }

    /** A complete registration body for a fødselsnummer with an ordinary address. */
    public static Map<String, Object> registration(String identityNumber) {
        Map<String, Object> body = new HashMap<>();
        body.put("identityNumber", identityNumber);
        body.put("givenNames", "Kari Ánde");
        body.put("surname", "Nordmann");
        body.put("permanentAddress", Map.of("streetLines", List.of("Storgata 1"), "postcode", "0150", "place", "Oslo"));
        body.put("phones", Map.of("mobile", "41234567"));
        body.put("email", "Kari@Example.no");
        body.put("preferredChannel", "EMAIL");
        body.put("language", "nn");
        return body;
    }

    /** Registers at Oslo with a digital number; returns the response for more checks. */
    public static ValidatableResponse register(Map<String, Object> body) {
        return as(OSLO, "patrons.write").body(body).post("/api/v1/patrons").then();
    }

    /** Registers and returns the card number (expects 201). */
    public static String registered(String identityNumber) {
        return register(registration(identityNumber)).statusCode(201).extract().path("cards[0].cardNumber");
    }

    /** Resets every stub to success: digital numbers unique per call, everything else 200 {}. */
    public static void resetStubs() {
        for (String name : STUBS.split(",")) {
            RecordingServer s = EdgeStubResource.server(name);
            s.clear();
            s.answerAll(200);
        }
        EdgeStubResource.server("numberseries-service").answer("/internal/v1/digital-card-numbers",
                r -> new RecordingServer.Answer(201, "{\"cardNumber\":\"" + freshCardNumber() + "\",\"state\":\"ISSUED\"}"));
        EdgeStubResource.server("membership-service").answer("/internal/v1/memberships", 201, "{\"state\":\"ACTIVE\",\"version\":1}");
        library(OSLO, "Deichman Bjørvika", "IN_PERSON");
        library(BERGEN, "Bergen offentlige bibliotek", "DIGITAL");
    }

    /** membership-service's directory entry for {@code number} (name, activation mode, rules version 1). */
    public static void library(String number, String name, String activationMode) {
        EdgeStubResource.server("membership-service").answer("/internal/v1/libraries/" + number, 200,
                "{\"libraryNumber\":\"" + number + "\",\"name\":\"" + name + "\",\"activationMode\":\""
                        + activationMode + "\",\"loanRules\":{\"version\":1}}");
    }
}
