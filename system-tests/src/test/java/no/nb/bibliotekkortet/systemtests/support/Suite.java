package no.nb.bibliotekkortet.systemtests.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/**
 * The running suite as seen from outside: the gateway (env {@code GATEWAY_URL}, default
 * http://localhost:8080) and the mock OAuth2 server (env {@code OIDC_URL}, default http://localhost:8090).
 * Issuers are {@code <OIDC_URL>/maskinporten} and {@code <OIDC_URL>/idporten}; the services trust exactly
 * the URLs run.sh gave them, so {@code OIDC_URL} must be spelled the same way (localhost, not 127.0.0.1).
 */
public final class Suite {

    /** Audience of public API tokens (RFC 8707 {@code resource}). */
    public static final String PUBLIC_AUDIENCE = "https://api.bibliotekkortet.no";
    /** Audience of service-to-service tokens. */
    public static final String INTERNAL_AUDIENCE = "https://internal.bibliotekkortet.no";

    static {
        // Issue 16: every response of the gateway a scenario receives is checked against the public contract.
        ContractValidation.install();
    }

    private Suite() {
    }

    /** The gateway's base URI, without a trailing slash. */
    public static String gatewayUrl() {
        return trim(System.getenv().getOrDefault("GATEWAY_URL", "http://localhost:8080"));
    }

    /** The mock OAuth2 server's base URI, without a trailing slash. */
    public static String oidcUrl() {
        return trim(System.getenv().getOrDefault("OIDC_URL", "http://localhost:8090"));
    }

    /**
     * The SMS provider stub (env {@code SMS_STUB_URL}, default http://127.0.0.1:2590): {@code GET /messages}
     * lists what notification-service sent (each with the posted JSON as the string field {@code body}),
     * {@code DELETE /messages} forgets them.
     */
    public static String smsStubUrl() {
        return trim(System.getenv().getOrDefault("SMS_STUB_URL", "http://127.0.0.1:2590"));
    }

    /**
     * GreenMail's REST API of the SMTP sink (env {@code MAIL_API_URL}, default http://127.0.0.1:2580), e.g.
     * {@code GET /api/user/<address>/messages/INBOX} for the mail received by an address,
     * {@code POST /api/mail/purge} to empty every mailbox.
     */
    public static String mailApiUrl() {
        return trim(System.getenv().getOrDefault("MAIL_API_URL", "http://127.0.0.1:2580"));
    }

    /**
     * A service's own base URI (the services listen on 8081..8085 beside the gateway, as in scripts/lib.sh; host
     * from env {@code SERVICE_HOST}, default localhost). For what the gateway never routes: {@code /internal},
     * {@code /q/openapi}, {@code /q/metrics}.
     */
    public static String serviceUrl(String service) {
        int port = switch (service) {
            case "patron-service" -> 8081;
            case "membership-service" -> 8082;
            case "auth-service" -> 8083;
            case "numberseries-service" -> 8084;
            case "notification-service" -> 8085;
            default -> throw new IllegalArgumentException("Unknown service " + service);
        };
        return "http://" + System.getenv().getOrDefault("SERVICE_HOST", "localhost") + ":" + port;
    }

    /** The five services, in the order of scripts/lib.sh. */
    public static final java.util.List<String> SERVICES = java.util.List.of("patron-service", "membership-service",
            "auth-service", "numberseries-service", "notification-service");

    /**
     * A token from the mock OAuth2 server for any issuer, client, scopes and audience, with extra request
     * parameters that the mock's committed configuration maps to claims ({@code pid}, {@code acr},
     * {@code test_expired=true} for an expired token).
     */
    public static String mockToken(String issuerId, String clientId, String[] scopes, String audience,
                                   Map<String, String> extra) {
        return token(issuerId, clientId, scopes, audience, extra);
    }

    /**
     * Registers an adult patron at 2030000 (Deichman) with a PIN through the gateway, as its library system does
     * (retrying a 503 after its {@code Retry-After}, at most twice).
     *
     * @return the patron's card number
     */
    public static String registerPatron(String email, String pin) {
        String client = "library-system-2030000";
        String card = gateway(maskinporten(client, "series")).header("Library-Number", "2030000").body("{\"count\": 10}")
                .post("/api/v1/number-series").then().statusCode(201).extract().path("first");
        String body = """
                {"identityNumber": "%s", "givenNames": "Kari", "surname": "Nordmann",
                 "permanentAddress": {"streetLines": ["Storgata 1"], "postcode": "0150", "place": "Oslo"},
                 "email": "%s", "phones": {"mobile": "41234567"}, "preferredChannel": "EMAIL", "language": "nb",
                 "pin": "%s", "cardNumber": "%s"}""".formatted(SyntheticIdentityNumbers.next(), email, pin, card);
        retrying503(() -> gateway(maskinporten(client, "patrons.write")).header("Library-Number", "2030000").body(body)
                .post("/api/v1/patrons")).then().statusCode(201);
        return card;
    }

    /**
     * Sends a request again after its {@code Retry-After} (at most 10 s, at most twice) while it answers 503, as a
     * client of the register should: right after the suite starts, a cold service may not answer a first call in time.
     */
    public static io.restassured.response.Response retrying503(java.util.function.Supplier<io.restassured.response.Response> send) {
        for (int attempt = 1; ; attempt++) {
            io.restassured.response.Response response = send.get();
            if (response.statusCode() != 503 || attempt == 3) {
                return response;
            }
            try {
                Thread.sleep(1000L * Math.min(10, Integer.parseInt(String.valueOf(response.header("Retry-After")))));
            } catch (NumberFormatException noHeader) {
                sleepQuietly(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A patron token signed by auth-service: card + PIN through the first-party site's client. */
    public static String patronToken(String card, String pin) {
        return retrying503(() -> gateway(maskinporten("selfservice-web"))
                .body("{\"cardNumber\": \"" + card + "\", \"pin\": \"" + pin + "\"}")
                .post("/api/v1/patron-sessions")).then().statusCode(200).extract().path("accessToken");
    }

    /**
     * The population register stand-in (env {@code POPULATION_REGISTER_URL}, default http://127.0.0.1:2591):
     * {@code PUT /test/personer} loads a person document, {@code POST /test/hendelser} appends an event.
     */
    public static String populationRegisterUrl() {
        return trim(System.getenv().getOrDefault("POPULATION_REGISTER_URL", "http://127.0.0.1:2591"));
    }

    /** A request to the gateway with no token. */
    public static RequestSpecification gateway() {
        return given().baseUri(gatewayUrl()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request to the gateway with {@code Authorization: Bearer <token>}. */
    public static RequestSpecification gateway(String token) {
        return gateway().header("Authorization", "Bearer " + token);
    }

    /**
     * A Maskinporten token for {@code clientId} with scopes {@code bibliotekkortet:<s>} for each s and the
     * public audience (client credentials at the mock server, the local stand-in for the JWT-bearer grant).
     */
    public static String maskinporten(String clientId, String... scopes) {
        return token("maskinporten", clientId, scopes, PUBLIC_AUDIENCE, Map.of());
    }

    /** NB's back-office client (scope {@code admin}). */
    public static final String ADMIN = "nb-backoffice";

    /**
     * Creates a library that no earlier run used (library number 9xxxxxx, type 2, Oslo) with the activation mode
     * ({@code IN_PERSON} or {@code DIGITAL}) as NB's back office, so a scenario can change it and run again on
     * the same databases.
     *
     * @return its library number
     */
    public static String freshLibrary(String activationMode) {
        String number = String.valueOf(9_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
        gateway(maskinporten(ADMIN, "admin"))
                .body("{\"libraryNumber\": \"" + number + "\", \"name\": \"Scenario " + number + "\", \"type\": 2, "
                        + "\"municipalityCode\": \"0301\", \"activationMode\": \"" + activationMode + "\"}")
                .post("/api/v1/libraries").then().statusCode(201);
        return number;
    }

    /**
     * A service token ({@code bibliotekkortet:internal}, internal audience) obtained as a service obtains it:
     * Maskinporten's JWT grant with an assertion naming {@code clientId} (the mock does not check its signature).
     */
    public static String internal(String clientId) {
        long now = System.currentTimeMillis() / 1000;
        String claims = """
                {"iss":"%1$s","sub":"%1$s","client_id":"%1$s","aud":"%2$s/maskinporten","scope":"bibliotekkortet:internal",
                 "resource":"%3$s","iat":%4$d,"exp":%5$d,"jti":"%6$s"}""".formatted(clientId, oidcUrl(), INTERNAL_AUDIENCE,
                now, now + 60, java.util.UUID.randomUUID());
        return given().formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .formParam("assertion", hs256(claims)).formParam("client_id", clientId).post(oidcUrl() + "/maskinporten/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** The old grant for a service: client credentials with the shared secret (the local Maskinporten refuses it). */
    public static String internalWithClientSecret(String clientId) {
        return token("maskinporten", clientId, new String[] {"internal"}, INTERNAL_AUDIENCE, Map.of());
    }

    private static String hs256(String claims) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec("local-only-assertion-key".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An ID-porten token for a citizen. Only for test identity numbers (synthetic); never log the result.
     *
     * @param acr {@code idporten-loa-substantial} or {@code idporten-loa-high}
     */
    public static String idporten(String identityNumber, String acr) {
        return token("idporten", "selfservice-web", new String[0], PUBLIC_AUDIENCE,
                Map.of("pid", identityNumber, "acr", acr));
    }

    private static String token(String issuerId, String clientId, String[] scopes, String audience,
                                Map<String, String> extra) {
        RequestSpecification request = given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", "local-only")
                .formParam("resource", audience);
        if (scopes.length > 0) {
            StringBuilder scope = new StringBuilder();
            for (String s : scopes) {
                scope.append(scope.isEmpty() ? "" : " ").append("bibliotekkortet:").append(s);
            }
            request.formParam("scope", scope.toString());
        }
        extra.forEach(request::formParam);
        return request.post(oidcUrl() + "/" + issuerId + "/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
