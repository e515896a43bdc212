package no.nb.bibliotekkortet.numberseries.support;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import no.nb.bibliotekkortet.numberseries.service.DigitalAllocator;

/** Empties numberseries_test between tests that need a known number space (imports, exhaustion). */
@ApplicationScoped
public class TestDb {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DigitalAllocator allocator;

    /**
     * Deletes every series, card number, request, range and audit record, restarts the allocation sequence, and
     * makes the service's digital allocator forget its block and ranges (as a restart would).
     */
    public void reset() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate audit_event, card_number_request, card_number, digital_range, series restart identity cascade");
            s.execute("alter sequence digital_allocation_seq restart");
            allocator.discard();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Process ids of the PostgreSQL backends connected to this database (benchmarks: their CPU time). */
    public java.util.List<Long> pids() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("select pid from pg_stat_activity where datname = current_database()")) {
            java.util.List<Long> pids = new java.util.ArrayList<>();
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
            return pids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one SQL query returning a single number. */
    public long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
