package no.nb.bibliotekkortet.numberseries;

import static no.nb.bibliotekkortet.numberseries.support.Api.BERGEN;
import static no.nb.bibliotekkortet.numberseries.support.Api.OSLO;
import static no.nb.bibliotekkortet.numberseries.support.Api.admin;
import static no.nb.bibliotekkortet.numberseries.support.Api.internal;
import static no.nb.bibliotekkortet.numberseries.support.Api.library;
import static no.nb.bibliotekkortet.numberseries.support.Api.requestId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import no.nb.bibliotekkortet.numberseries.service.NumberSeriesMetrics;
import no.nb.bibliotekkortet.numberseries.support.Api;
import no.nb.bibliotekkortet.numberseries.support.TestDb;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** numberseries-service's business metrics (docs/observability.md) move for the right outcome, and only for it. */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "numberseries_test"))
class NumberSeriesMetricsTest {

    @Inject
    TestDb db;

    @Inject
    MeterRegistry registry;

    @Inject
    NumberSeriesMetrics metrics;

    @BeforeEach
    @AfterEach
    void emptyRegister() {
        db.reset();
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void ordersAreCountedByOutcome() {
        double ordered = count("numberseries.orders", "outcome", "ordered");
        double outOfRange = count("numberseries.orders", "outcome", "out_of_range");
        double exhausted = count("numberseries.orders", "outcome", "exhausted");
        Api.order(OSLO, 100);
        library(OSLO).body("{\"count\": 0}").post("/api/v1/number-series").then().statusCode(422);
        admin().body("{\"series\": [{\"libraryNumber\": \"2030000\", \"first\": \"N999999000\", \"last\": \"N999999999\", "
                        + "\"reservedAt\": \"2019-05-01T10:00:00Z\"}]}")
                .post("/api/v1/number-series/imports").then().statusCode(200);
        library(BERGEN).body("{\"count\": 1}").post("/api/v1/number-series").then().statusCode(409);
        assertEquals(ordered + 1, count("numberseries.orders", "outcome", "ordered"));
        assertEquals(outOfRange + 1, count("numberseries.orders", "outcome", "out_of_range"));
        assertEquals(exhausted + 1, count("numberseries.orders", "outcome", "exhausted"));
        metrics.refresh();
        assertEquals(0.0, registry.get("numberseries.space.left").gauge().value());
    }

    @Test
    void allocationsAreCountedByKindAndTheNumbersLeftPerOwnerFollow() {
        double issued = count("numberseries.allocations", "kind", "issued");
        double digital = count("numberseries.allocations", "kind", "digital");
        long first = Api.order(OSLO, 100);
        String id = requestId();
        Api.issue(Api.n(first), OSLO, id).statusCode(200);
        Api.issue(Api.n(first), OSLO, id).statusCode(200);
        internal().body("{\"requestId\": \"" + requestId() + "\"}").post("/internal/v1/digital-card-numbers").then()
                .statusCode(201);
        assertEquals(issued + 1, count("numberseries.allocations", "kind", "issued"), "a repeated request id counts once");
        assertEquals(digital + 1, count("numberseries.allocations", "kind", "digital"));
        metrics.refresh();
        assertEquals(99.0, registry.get("numberseries.numbers.left").tag("owner", OSLO).gauge().value());
        assertEquals(49.0, registry.get("numberseries.numbers.left").tag("owner", "digital").gauge().value());
        assertEquals(999_999_999.0 - 150, registry.get("numberseries.space.left").gauge().value());
    }
}
