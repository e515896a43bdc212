package no.nb.bibliotekkortet.patron;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Map;
import no.nb.bibliotekkortet.common.security.VerifiedTokens;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestDb;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.MockOAuth2Server;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.Test;

/**
 * A cached token is refused once its {@code exp} has passed: the service trusts the mock's issuer
 * {@code maskinporten-short-lived} (config/mock-oauth2.json: tokens live 15 s, the same claims as Maskinporten's) as its
 * Maskinporten tenant, looks a patron up with such a token (now cached), waits until the token's {@code exp} has
 * passed on the real clock (the one quarkus-oidc reads), and the same token is then refused.
 */
@QuarkusTest
@TestProfile(TokenCacheExpiryTest.ShortLivedTokens.class)
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class TokenCacheExpiryTest {

    static final String ISSUER = "maskinporten-short-lived";

    /** The Maskinporten tenant trusts the mock's short-lived issuer instead. */
    public static class ShortLivedTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.maskinporten.auth-server-url", "${register.oidc.base-url}/" + ISSUER);
        }
    }

    @Inject
    TestDb db;

    @Inject
    VerifiedTokens verified;

    @Test
    void aCachedTokenIsRefusedAfterItsExp() throws Exception {
        db.clean();
        PatronApi.resetStubs();
        String card = registered();
        String token = shortLived("patrons.read");
        lookup(token, card).statusCode(200);
        assertTrue(verified.find(token).isPresent(), "cached after its first use");
        long served = verified.servedCount();
        lookup(token, card).statusCode(200);
        assertTrue(verified.servedCount() > served, "served from the cache before its exp");

        long exp = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("exp").asLong();
        while (System.currentTimeMillis() / 1000 <= exp) {
            Thread.sleep(200);
        }
        lookup(token, card).statusCode(401);
        assertTrue(verified.find(token).isEmpty(), "no longer served after exp");
        lookup(shortLived("patrons.read"), card).statusCode(200);
    }

    /**
     * A registered patron's card number. Set-up, not under test: the service's first request to this tenant (discovery,
     * keys) may outlast a 15 s token on a busy machine, so a refused registration is tried again with a fresh token.
     */
    private static String registered() {
        java.util.Map<String, Object> body = PatronApi.registration(TestIdentities.synthetic());
        for (int attempt = 1; ; attempt++) {
            io.restassured.response.Response response = given().auth().oauth2(shortLived("patrons.write"))
                    .header("Library-Number", OSLO).contentType("application/json").body(body).post("/api/v1/patrons");
            if (response.statusCode() != 401 || attempt == 3) {
                return response.then().statusCode(201).extract().path("cards[0].cardNumber");
            }
        }
    }

    private static io.restassured.response.ValidatableResponse lookup(String bearer, String card) {
        return given().auth().oauth2(bearer).header("Library-Number", OSLO).get("/api/v1/patrons/" + card).then();
    }

    /** A token of the short-lived issuer for Deichman's library system with {@code bibliotekkortet:<scope>}. */
    private static String shortLived(String scope) {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", PatronApi.OSLO_CLIENT)
                .formParam("client_secret", "local-only").formParam("resource", "https://api.bibliotekkortet.no")
                .formParam("scope", "bibliotekkortet:" + scope)
                .post(MockOAuth2Server.get().issuer(ISSUER) + "/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
