package no.nb.bibliotekkortet.numberseries;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a database that goes away under the service (a PostgreSQL restart terminates every connection, SQLState
 * 57P01, then refuses new ones for a moment) is a {@code 503 service-unavailable} problem with {@code Retry-After},
 * never a 500. Shown by terminating every connection of the service's pool, as a restart does, between requests; the
 * mapping itself is common's ProblemExceptionMapper, shared by all five services.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "numberseries_test"))
class DatabaseUnavailableTest {

    @Inject
    AgroalDataSource dataSource;

    private static Response list() {
        return given().auth().oauth2(Tokens.maskinporten("library-system-2030000", "series")).header("Library-Number", "2030000")
                .get("/api/v1/number-series");
    }

    @Test
    void terminatedConnectionsAre503WithRetryAfterNever500() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            // a pool of live connections (a dead one left by the last round answers 503 once, then is dropped), then
            // kill every connection of this database, as a restart does
            dataSource.flush(AgroalDataSource.FlushMode.ALL);
            list().then().statusCode(200);
            String url = dataSource.getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration().jdbcUrl();
            try (Connection c = java.sql.DriverManager.getConnection(url, no.nb.bibliotekkortet.testsupport.TestDatabase.user(), "");
                 Statement s = c.createStatement()) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                        + "where datname = current_database() and pid <> pg_backend_pid()");
            }
            Response r = list();
            statuses.add(r.statusCode());
            if (r.statusCode() == 503) {
                r.then().contentType("application/problem+json").header("Retry-After", "5")
                        .body("type", org.hamcrest.Matchers.endsWith("/service-unavailable"));
            }
        }
        // the pool may still hold terminated connections: later tests of this JVM start from fresh ones
        dataSource.flush(AgroalDataSource.FlushMode.ALL);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 503), "statuses " + statuses);
        assertTrue(statuses.contains(503), "no request met a terminated connection: " + statuses);
    }
}
