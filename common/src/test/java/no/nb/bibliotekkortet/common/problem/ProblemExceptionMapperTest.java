package no.nb.bibliotekkortet.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Issue 14 and 16: JSON type names instead of Java ones; an unreachable database is told apart from a bug. */
class ProblemExceptionMapperTest {

    enum Channel { EMAIL, SMS }

    @Test
    void typesAreNamedAsJsonNamesThem() {
        assertEquals("integer", ProblemExceptionMapper.simpleType(java.math.BigInteger.class));
        assertEquals("number", ProblemExceptionMapper.simpleType(java.math.BigDecimal.class));
        assertEquals("uuid", ProblemExceptionMapper.simpleType(java.util.UUID.class));
        assertEquals("date (YYYY-MM-DD)", ProblemExceptionMapper.simpleType(java.time.LocalDate.class));
        assertEquals("array", ProblemExceptionMapper.simpleType(java.util.List.class));
        assertEquals("one of EMAIL, SMS", ProblemExceptionMapper.simpleType(Channel.class));
        assertEquals("object", ProblemExceptionMapper.simpleType(ProblemExceptionMapperTest.class));
    }

    @Test
    void connectionFailuresAreTheDatabaseBeingUnavailable() {
        assertTrue(ProblemExceptionMapper.databaseUnavailable(new RuntimeException(new SQLException("x", "57P01"))));
        assertTrue(ProblemExceptionMapper.databaseUnavailable(new SQLException("refused", "08001")));
        assertTrue(ProblemExceptionMapper.databaseUnavailable(new java.sql.SQLTransientConnectionException("pool")));
        assertFalse(ProblemExceptionMapper.databaseUnavailable(new SQLException("duplicate", "23505")));
        assertFalse(ProblemExceptionMapper.databaseUnavailable(new IllegalStateException("bug")));
    }
}
