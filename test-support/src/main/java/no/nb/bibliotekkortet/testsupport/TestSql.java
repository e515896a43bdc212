package no.nb.bibliotekkortet.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Direct SQL on a service's own test database, to set a case up or to show what is (not) stored. Each call runs on
 * its own connection in autocommit, so it sees only committed data. Each service's tests declare a small bean
 * {@code @Singleton class TestDb extends TestSql} with the service's data source (and its own reset, if any).
 */
public class TestSql {

    private final DataSource dataSource;

    protected TestSql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the statements in order, each committed on its own. */
    public void execute(String... statements) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row of a query returning a number (a count, say); SQL null reads as 0. */
    public long count(String sql) {
        Object value = single(sql);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("Not a number: " + value + " from " + sql);
        }
        return number.longValue();
    }

    /** The first column of the first row of a query, as JDBC reads it (a {@code varchar} is a String). */
    public Object single(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("No row from " + sql);
            }
            return rs.getObject(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
