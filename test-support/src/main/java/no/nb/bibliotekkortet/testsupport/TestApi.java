package no.nb.bibliotekkortet.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Short-hands every service's HTTP tests share: the clients of config/clients.json they act as, requests with real
 * (cached) tokens from the mock OAuth2 server. Each service's tests extend it with their own helpers
 * ({@code class Api extends TestApi}), so that {@code Api.OSLO} or a static import of {@code Api.client} reach these.
 */
public class TestApi {

    /** Deichman (Oslo), a library with a library system in the client registry. */
    public static final String OSLO = "2030000";
    /** Bergen offentlige bibliotek, the second library with a library system. */
    public static final String BERGEN = "2120100";
    public static final String OSLO_CLIENT = "library-system-2030000";
    public static final String BERGEN_CLIENT = "library-system-2120100";
    /** NB's back office (client kind ADMIN). */
    public static final String ADMIN_CLIENT = "nb-backoffice";

    /**
     * Tokens by client and scopes, with when they were fetched: the mock's tokens live 120 s (config/mock-oauth2.json)
     * and a module's tests take longer than that on a busy machine, so a token older than 60 s is fetched again.
     */
    private static final Map<String, Cached> TOKENS = new ConcurrentHashMap<>();

    private record Cached(String token, long fetchedAt) {
        boolean fresh() {
            return System.nanoTime() - fetchedAt < 60_000_000_000L;
        }
    }

    protected TestApi() {
    }

    private static String cached(String key, Supplier<String> fetch) {
        return TOKENS.compute(key, (k, old) -> old != null && old.fresh() ? old : new Cached(fetch.get(), System.nanoTime()))
                .token();
    }

    /** A cached Maskinporten token for the client with the scopes (public audience). */
    public static String token(String clientId, String... scopes) {
        return cached(clientId + " " + String.join(" ", scopes), () -> Tokens.maskinporten(clientId, scopes));
    }

    /** A cached service-to-service token of {@code clientId} (scope internal, internal audience). */
    public static String internalToken(String clientId) {
        return cached("internal " + clientId, () -> Tokens.internal(clientId));
    }

    /** No token. */
    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    /** A Maskinporten client with the given scopes. */
    public static RequestSpecification client(String clientId, String... scopes) {
        return given().auth().oauth2(token(clientId, scopes)).contentType(ContentType.JSON);
    }

    /** A request as staff of a library ({@code Library-Number}) with its library system's token and the scopes. */
    public static RequestSpecification as(String libraryNumber, String... scopes) {
        String client = BERGEN.equals(libraryNumber) ? BERGEN_CLIENT : OSLO_CLIENT;
        return client(client, scopes).header("Library-Number", libraryNumber);
    }

    /** A call of the internal API by patron-service, the services' usual caller. */
    public static RequestSpecification internal() {
        return given().auth().oauth2(internalToken("patron-service")).contentType(ContentType.JSON);
    }
}
