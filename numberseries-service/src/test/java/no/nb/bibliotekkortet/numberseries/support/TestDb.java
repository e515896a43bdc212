package no.nb.bibliotekkortet.numberseries.support;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import no.nb.bibliotekkortet.numberseries.service.DigitalAllocator;
import no.nb.bibliotekkortet.testsupport.TestSql;

/**
 * Direct SQL on numberseries_test (test-support's {@link TestSql}); empties it between tests that need a known
 * number space (imports, exhaustion).
 */
@Singleton
public class TestDb extends TestSql {

    private final AgroalDataSource dataSource;

    @Inject
    DigitalAllocator allocator;

    public TestDb(AgroalDataSource dataSource) {
        super(dataSource);
        this.dataSource = dataSource;
    }

    /**
     * Deletes every series, card number, request, range and audit record, restarts the allocation sequence, and
     * makes the service's digital allocator forget its block and ranges (as a restart would).
     */
    public void reset() {
        execute("truncate audit_event, card_number_request, card_number, digital_range, series restart identity cascade",
                "alter sequence digital_allocation_seq restart");
        allocator.discard();
    }

    /** Process ids of the PostgreSQL backends connected to this database (benchmarks: their CPU time). */
    public List<Long> pids() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("select pid from pg_stat_activity where datname = current_database()")) {
            List<Long> pids = new ArrayList<>();
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
            return pids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
