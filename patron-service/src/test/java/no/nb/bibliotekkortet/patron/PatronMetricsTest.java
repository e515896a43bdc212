package no.nb.bibliotekkortet.patron;

import static no.nb.bibliotekkortet.patron.support.Citizens.citizen;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Map;
import no.nb.bibliotekkortet.patron.support.Citizens;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.StubbedServicesTest;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.Test;

/** patron-service's business metrics (docs/observability.md) move for the right outcome, and only for it. */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class PatronMetricsTest extends StubbedServicesTest {

    @Inject
    MeterRegistry registry;

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void registrationsAreCountedByChannelWithTheirCreatedRecord() {
        double staff = count("patron.registrations", "channel", "staff");
        double self = count("patron.registrations", "channel", "self");
        double guardian = count("patron.registrations", "channel", "guardian");
        double created = count("patron.change.records", "kind", "CREATED");
        PatronApi.registered(TestIdentities.bornOn(LocalDate.of(1980, 2, 3)));
        assertEquals(staff + 1, count("patron.registrations", "channel", "staff"));
        assertEquals(self, count("patron.registrations", "channel", "self"));
        String parent = TestIdentities.bornOn(LocalDate.of(1979, 4, 1));
        Citizens.selfRegistered(parent, OSLO);
        assertEquals(self + 1, count("patron.registrations", "channel", "self"));
        citizen(parent).body(Citizens.child(TestIdentities.bornOn(LocalDate.now().minusYears(9)), OSLO))
                .post("/api/v1/me/children").then().statusCode(201);
        assertEquals(guardian + 1, count("patron.registrations", "channel", "guardian"));
        assertEquals(created + 3, count("patron.change.records", "kind", "CREATED"));
    }

    @Test
    void aRefusedRegistrationCountsNothing() {
        String pid = TestIdentities.bornOn(LocalDate.of(1981, 2, 3));
        PatronApi.registered(pid);
        double staff = count("patron.registrations", "channel", "staff");
        double created = count("patron.change.records", "kind", "CREATED");
        PatronApi.register(PatronApi.registration(pid)).statusCode(409);
        assertEquals(staff, count("patron.registrations", "channel", "staff"));
        assertEquals(created, count("patron.change.records", "kind", "CREATED"));
    }

    @Test
    void lookupsAreCountedByKeyAndOutcome() {
        String card = PatronApi.registered(TestIdentities.bornOn(LocalDate.of(1982, 2, 3)));
        double found = count("patron.lookups", "by", "card_number", "outcome", "found");
        double missing = count("patron.lookups", "by", "card_number", "outcome", "not_found");
        PatronApi.as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().statusCode(200);
        PatronApi.as(OSLO, "patrons.read").get("/api/v1/patrons/" + PatronApi.freshCardNumber()).then().statusCode(404);
        assertEquals(found + 1, count("patron.lookups", "by", "card_number", "outcome", "found"));
        assertEquals(missing + 1, count("patron.lookups", "by", "card_number", "outcome", "not_found"));
    }

    @Test
    void anUnregistrationCountsOneErasureAndItsTombstone() {
        String pid = TestIdentities.bornOn(LocalDate.of(1983, 2, 3));
        Citizens.selfRegistered(pid, OSLO);
        double self = count("patron.erasures", "cause", "SELF");
        double admin = count("patron.erasures", "cause", "ADMIN");
        double deleted = count("patron.change.records", "kind", "DELETED");
        citizen(pid).delete("/api/v1/me").then().statusCode(200);
        assertEquals(self + 1, count("patron.erasures", "cause", "SELF"));
        assertEquals(admin, count("patron.erasures", "cause", "ADMIN"));
        assertEquals(deleted + 1, count("patron.change.records", "kind", "DELETED"));
    }
}
