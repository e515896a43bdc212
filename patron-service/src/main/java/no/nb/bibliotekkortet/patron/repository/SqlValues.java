package no.nb.bibliotekkortet.patron.repository;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Values read by native queries, whatever JDBC type the driver hands back. */
public final class SqlValues {

    private SqlValues() {
    }

    /**
     * A {@code timestamptz} column as an instant.
     *
     * @param value an {@link Instant}, {@link OffsetDateTime}, {@link java.sql.Timestamp}, an ISO-8601 string, or null
     * @return the instant, or null for null
     */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(String.valueOf(value));
    }
}
