package no.nb.bibliotekkortet.membership.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.ThreadLocalRandom;
import no.nb.bibliotekkortet.testsupport.Tokens;

/** Short-hands for calling membership-service through HTTP with real tokens. */
public final class Api {

    public static final String OSLO = "2030000";
    public static final String BERGEN = "2120100";
    public static final String OSLO_CLIENT = "library-system-2030000";
    public static final String BERGEN_CLIENT = "library-system-2120100";
    public static final String ADMIN_CLIENT = "nb-backoffice";

    private Api() {
    }

    /** No token. */
    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    /** A Maskinporten client with the given scopes. */
    public static RequestSpecification client(String clientId, String... scopes) {
        return given().auth().oauth2(Tokens.maskinporten(clientId, scopes)).contentType(ContentType.JSON);
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

    /** A service calling the internal API. */
    public static RequestSpecification internal() {
        return given().auth().oauth2(Tokens.internal("patron-service")).contentType(ContentType.JSON);
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
