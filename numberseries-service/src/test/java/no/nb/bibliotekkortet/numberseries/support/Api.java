package no.nb.bibliotekkortet.numberseries.support;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import no.nb.bibliotekkortet.testsupport.TestApi;

/** numberseries-service's short-hands beside test-support's {@link TestApi} (clients, tokens, requests). */
public final class Api extends TestApi {

    private Api() {
    }

    /** A request with a library system's token (scope series) acting for its library. */
    public static RequestSpecification library(String libraryNumber) {
        return as(libraryNumber, "series");
    }

    /** A request with NB's back office token (scopes series and admin). */
    public static RequestSpecification admin() {
        return client(ADMIN_CLIENT, "series", "admin");
    }

    /** Orders {@code count} numbers for a library; returns the first number's numeric part. */
    public static long order(String libraryNumber, int count) {
        String first = library(libraryNumber).body("{\"count\": " + count + "}").post("/api/v1/number-series")
                .then().statusCode(201).extract().path("first");
        return Long.parseLong(first.substring(1));
    }

    /** Issues a number for a library through the internal API. */
    public static ValidatableResponse issue(String cardNumber, String libraryNumber, String requestId) {
        return internal().body("{\"libraryNumber\": \"" + libraryNumber + "\", \"requestId\": \"" + requestId + "\"}")
                .post("/internal/v1/card-numbers/" + cardNumber + "/issue").then();
    }

    /** A fresh request id. */
    public static String requestId() {
        return "req-" + UUID.randomUUID();
    }

    /** N + 9 digits. */
    public static String n(long value) {
        return String.format("N%09d", value);
    }
}
