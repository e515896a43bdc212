package no.nb.bibliotekkortet.membership.support;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import no.nb.bibliotekkortet.testsupport.TestSql;

/** Direct SQL on membership_test for test setup and checks (test-support's {@link TestSql}). */
@Singleton
public class TestDb extends TestSql {

    public TestDb(AgroalDataSource dataSource) {
        super(dataSource);
    }
}
