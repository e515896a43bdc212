package no.nb.bibliotekkortet.auth.support;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.TestApi;

/**
 * Test patrons and the HTTP stubs of patron-service (resolve) and membership-service (memberships, library
 * entries), plus requests with real tokens. Every test makes its own patrons (random ids and card numbers).
 *
 * <p>Stub libraries: 2030000 supports every level, pays for Filmoteket, minimum age 15 for unstaffed hours;
 * 2120100 supports only substantial and high, pays for Cineast, no minimum age.
 */
public final class Fixtures {

    public static final String OSLO = TestApi.OSLO;
    public static final String BERGEN = TestApi.BERGEN;
    public static final String PIN = "4827";
    public static final String PASSWORD = "Lyng-og-Lavendel-42";

    /** A test patron: opaque id, card number, birth date and source. */
    public record TestPatron(String patronId, String cardNumber, LocalDate birthDate, String source) {
    }

    private static final Map<String, TestPatron> BY_CARD = new ConcurrentHashMap<>();
    private static final Map<String, TestPatron> BY_IDENTITY = new ConcurrentHashMap<>();
    private static final java.util.Set<String> RETIRED = ConcurrentHashMap.newKeySet();

    private Fixtures() {
    }

    /** Installs the stub handlers (idempotent). */
    public static void stubs() {
        RecordingServer patrons = EdgeStubResource.server("patron-service");
        patrons.answer("/internal/v1/patrons/resolve", r -> {
            TestPatron p;
            if (r.body().contains("\"identityNumber\"")) {
                p = BY_IDENTITY.get(r.body().replaceAll(".*\"identityNumber\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
            } else {
                p = BY_CARD.get(r.body().replaceAll(".*\"cardNumber\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
            }
            if (p == null) {
                return new RecordingServer.Answer(404, "{\"status\":404}");
            }
            return new RecordingServer.Answer(200, "{\"patronId\":\"" + p.patronId() + "\",\"state\":\"ACTIVE\","
                    + "\"birthDate\":" + (p.birthDate() == null ? "null" : "\"" + p.birthDate() + "\"")
                    + ",\"birthDateSource\":\"" + p.source() + "\",\"cardNumbers\":[\"" + p.cardNumber() + "\"]"
                    + (r.body().contains("\"identityNumber\"") ? ""
                    : ",\"cardState\":\"" + (RETIRED.contains(p.cardNumber()) ? "RETIRED" : "ACTIVE") + "\"") + "}");
        });
        patrons.answer("/internal/v1/activity", 202, "{}");
        RecordingServer memberships = EdgeStubResource.server("membership-service");
        memberships.answer("/internal/v1/libraries/" + OSLO, 200, "{\"libraryNumber\":\"2030000\",\"name\":\"Deichman\","
                + "\"securityLevels\":[\"nlsso-loa-low\",\"nlsso-loa-substantial\",\"nlsso-loa-high\"],"
                + "\"partnerServices\":[\"filmoteket\"],\"unstaffedMinimumAge\":15}");
        memberships.answer("/internal/v1/libraries/" + BERGEN, 200, "{\"libraryNumber\":\"2120100\",\"name\":\"Bergen\","
                + "\"securityLevels\":[\"nlsso-loa-substantial\",\"nlsso-loa-high\"],"
                + "\"partnerServices\":[\"cineast\"],\"unstaffedMinimumAge\":null}");
    }

    /** A new patron with PIN {@link #PIN} (and password {@link #PASSWORD}), born {@code birthDate}. */
    public static TestPatron patron(LocalDate birthDate, String source, boolean withPassword) {
        String card = String.format("N%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
        TestPatron p = new TestPatron(UUID.randomUUID().toString(), card, birthDate, source);
        BY_CARD.put(card, p);
        internal().body(withPassword ? Map.of("pin", PIN, "password", PASSWORD) : Map.of("pin", PIN))
                .put("/internal/v1/patrons/" + p.patronId() + "/credentials").then().statusCode(204);
        memberships(p);
        return p;
    }

    /** A new adult patron (born 1990-05-17, source IDENTITY_NUMBER) with a PIN only and no memberships. */
    public static TestPatron patron() {
        return patron(LocalDate.of(1990, 5, 17), "IDENTITY_NUMBER", false);
    }

    /**
     * Gives the patron an identity number in the resolve stub (for ID-porten logins) and returns it.
     * Random 11 digits: auth-service never parses it, it only passes it to patron-service.
     */
    public static String identity(TestPatron p) {
        String id = String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
        BY_IDENTITY.put(id, p);
        return id;
    }

    /** Sets the patron's contact data in the patron-service stub (null = none on record). */
    public static void contact(TestPatron p, String email, String phone, String preferredChannel) {
        StringBuilder json = new StringBuilder("{\"patronId\":\"").append(p.patronId()).append('"');
        json.append(",\"email\":").append(email == null ? "null" : "\"" + email + "\"");
        json.append(",\"phone\":").append(phone == null ? "null" : "\"" + phone + "\"");
        json.append(",\"preferredChannel\":").append(preferredChannel == null ? "null" : "\"" + preferredChannel + "\"");
        json.append(",\"language\":\"nb\",\"addressProtected\":false}");
        EdgeStubResource.server("patron-service").answer("/internal/v1/patrons/" + p.patronId() + "/contact", 200,
                json.toString());
    }

    /**
     * Makes the patron's card number retired in the resolve stub (as patron-service answers after a card swap,
     * a lost card or a merge: it still resolves to the account, with {@code cardState: RETIRED}, R1).
     */
    public static void retire(TestPatron p) {
        RETIRED.add(p.cardNumber());
    }

    /** A card number nobody holds. */
    public static String unknownCard() {
        String card;
        do {
            card = String.format("N%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
        } while (BY_CARD.containsKey(card));
        return card;
    }

    /** Sets the patron's memberships in the stub: ACTIVE at each library given (first is home). */
    public static void memberships(TestPatron p, String... activeAt) {
        String json = Arrays.stream(activeAt).map(l -> "{\"patronId\":\"" + p.patronId() + "\",\"libraryNumber\":\"" + l
                + "\",\"state\":\"ACTIVE\",\"home\":false}").collect(Collectors.joining(",", "[", "]"));
        EdgeStubResource.server("membership-service").answer("/internal/v1/patrons/" + p.patronId() + "/memberships", 200, json);
    }

    /** A cached real token (test-support's {@link TestApi#token}). */
    public static String token(String clientId, String... scopes) {
        return TestApi.token(clientId, scopes);
    }

    /** A request with auth-service's callers' internal token (patron-service's). */
    public static RequestSpecification internal() {
        return TestApi.internal();
    }

    /** A request by a client with scopes (test-support's {@link TestApi#client}). */
    public static RequestSpecification as(String clientId, String... scopes) {
        return TestApi.client(clientId, scopes);
    }

    /** A partner verification by {@code clientId} (scope partner.auth). */
    public static ValidatableResponse partnerVerify(String clientId, String cardNumber, String secretField, String secret) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("cardNumber", cardNumber);
        if (secretField != null) {
            body.put(secretField, secret);
        }
        return as(clientId, "partner.auth").body(body).post("/api/v1/authentications/partner").then();
    }

    /** A Filmoteket verification with a PIN. */
    public static ValidatableResponse filmoteket(String cardNumber, String pin) {
        return partnerVerify("partner-filmoteket", cardNumber, "pin", pin);
    }

    /** Registers (or replaces) the three partners: filmoteket and cineast (film, paying library), allbok (e-book). */
    public static void partners() {
        RequestSpecification admin = as("nb-backoffice", "admin");
        admin.body(Map.of("name", "Filmoteket", "kind", "FILM", "ageThresholds", java.util.List.of(15, 18),
                "requiresPayingLibrary", true)).put("/api/v1/partners/filmoteket").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        as("nb-backoffice", "admin").body(Map.of("name", "Cineast", "kind", "FILM", "ageThresholds", java.util.List.of(15, 18),
                "requiresPayingLibrary", true)).put("/api/v1/partners/cineast").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        as("nb-backoffice", "admin").body(Map.of("name", "Allbok", "kind", "EBOOK", "ageThresholds", java.util.List.of(),
                "requiresPayingLibrary", false)).put("/api/v1/partners/allbok").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }
}
