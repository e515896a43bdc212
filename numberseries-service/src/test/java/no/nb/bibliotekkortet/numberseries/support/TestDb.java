package no.nb.bibliotekkortet.numberseries.support;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import no.nb.bibliotekkortet.testsupport.TestSql;

/**
 * Direct SQL on numberseries_test (test-support's {@link TestSql}); empties it between tests that need a known
 * number space (imports, exhaustion).
 */
@Singleton
public class TestDb extends TestSql {

    public TestDb(AgroalDataSource dataSource) {
        super(dataSource);
    }

    /** Deletes every series, card number, request, cursor and audit record. */
    public void reset() {
        execute("truncate audit_event, card_number_request, card_number, digital_range, series restart identity cascade",
                "alter sequence digital_allocation_seq restart");
    }
}
