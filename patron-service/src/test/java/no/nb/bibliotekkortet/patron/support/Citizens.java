package no.nb.bibliotekkortet.patron.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import no.nb.bibliotekkortet.testsupport.Tokens;

/** Requests as citizens (real ID-porten-shaped tokens) and patrons (auth-service-shaped tokens), and bodies. */
public final class Citizens {

    public static final String HIGH = "idporten-loa-high";
    public static final String SUBSTANTIAL = "idporten-loa-substantial";

    private Citizens() {
    }

    /** A request with an ID-porten token ({@code pid} = identity number, acr high). */
    public static RequestSpecification citizen(String identityNumber) {
        return citizen(identityNumber, HIGH);
    }

    /** A request with an ID-porten token at {@code acr}. */
    public static RequestSpecification citizen(String identityNumber, String acr) {
        return given().auth().oauth2(Tokens.idporten(identityNumber, acr)).contentType(ContentType.JSON);
    }

    /** A request with an auth-service-shaped patron token ({@code sub} = patron id). */
    public static RequestSpecification patron(String patronId, String acr) {
        return given().auth().oauth2(Tokens.patron(patronId, acr)).contentType(ContentType.JSON);
    }

    /** A complete self-registration body choosing {@code homeLibrary}. */
    public static Map<String, Object> selfRegistration(String homeLibrary) {
        Map<String, Object> body = new HashMap<>();
        body.put("givenNames", "Kari");
        body.put("surname", "Nordmann");
        body.put("homeLibrary", homeLibrary);
        body.put("email", "Kari.Nordmann@Example.no");
        body.put("phones", Map.of("mobile", "41234567"));
        body.put("language", "en");
        body.put("pin", "4321");
        return body;
    }

    /** A child registration body for a guardian, with the guardian's e-mail for the child's messages. */
    public static Map<String, Object> child(String identityNumber, String homeLibrary) {
        Map<String, Object> body = new HashMap<>();
        body.put("identityNumber", identityNumber);
        body.put("givenNames", "Ánde");
        body.put("surname", "Nordmann");
        body.put("homeLibrary", homeLibrary);
        body.put("guardianContact", Map.of("email", "guardian@example.no", "phone", "98765432"));
        return body;
    }

    /** Registers the citizen at {@code homeLibrary}; returns the patron id (expects 201). */
    public static String selfRegistered(String identityNumber, String homeLibrary) {
        return citizen(identityNumber).body(selfRegistration(homeLibrary)).post("/api/v1/me").then().statusCode(201)
                .extract().path("patronId");
    }

}
