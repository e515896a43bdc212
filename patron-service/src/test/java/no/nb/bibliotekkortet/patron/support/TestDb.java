package no.nb.bibliotekkortet.patron.support;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import no.nb.bibliotekkortet.testsupport.TestSql;

/** Direct reads of the test database, to show what is (not) stored (test-support's {@link TestSql}). */
@Singleton
public class TestDb extends TestSql {

    public TestDb(AgroalDataSource dataSource) {
        super(dataSource);
    }

    /** Empties patron-service's own tables (not the outbox, which the relay drains). */
    public void clean() {
        execute("truncate guardianship, card, patron, patron_library, change_record cascade");
    }
}
