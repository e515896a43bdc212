package no.nb.bibliotekkortet.membership.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.ThreadLocalRandom;
import no.nb.bibliotekkortet.testsupport.TestApi;
import no.nb.bibliotekkortet.testsupport.Tokens;

/** membership-service's short-hands beside test-support's {@link TestApi} (clients, tokens, requests). */
public final class Api extends TestApi {

    private Api() {
    }

    /** NB's back office (scope admin). */
    public static RequestSpecification admin() {
        return client(ADMIN_CLIENT, "admin");
    }

    /** Oslo's library system (scope memberships). */
    public static RequestSpecification oslo() {
        return client(OSLO_CLIENT, "memberships");
    }

    /** A citizen logged in with ID-porten. */
    public static RequestSpecification citizen(PatronStub.Patron p) {
        return given().auth().oauth2(Tokens.idporten(p.identityNumber(), "idporten-loa-high")).contentType(ContentType.JSON);
    }

    /** A library number unlikely to exist (9xxxxxx; the real list has none). */
    public static String freshLibraryNumber() {
        return String.valueOf(9_000_000 + ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /**
     * Creates a library through the admin API.
     *
     * @param mode         IN_PERSON or DIGITAL
     * @param contactEmail address or null
     * @return its number
     */
    public static String newLibrary(String mode, String contactEmail) {
        String number = freshLibraryNumber();
        String email = contactEmail == null ? "" : ", \"contactEmail\": \"" + contactEmail + "\"";
        admin().body("{\"libraryNumber\": \"" + number + "\", \"name\": \"Testbibliotek " + number
                        + "\", \"type\": 2, \"municipalityCode\": \"0301\", \"activationMode\": \"" + mode + "\"" + email + "}")
                .post("/api/v1/libraries").then().statusCode(201);
        return number;
    }
}
