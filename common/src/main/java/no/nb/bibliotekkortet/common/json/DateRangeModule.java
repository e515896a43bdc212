package no.nb.bibliotekkortet.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * Dates and times in request bodies must lie in the years 0001..9999 (ISO 8601's four-digit years): anything
 * beyond would be accepted by java.time but refused by PostgreSQL (whose {@code date} and {@code timestamptz}
 * ranges are narrower than java.time's), which used to turn a client's mistake into a 500. Out of range →
 * {@link OutOfRangeException} → 400 naming the field (see ProblemExceptionMapper).
 */
public final class DateRangeModule extends SimpleModule {

    /** Earliest accepted value, 0001-01-01. */
    public static final LocalDate MIN = LocalDate.of(1, 1, 1);
    /** Latest accepted value, 9999-12-31. */
    public static final LocalDate MAX = LocalDate.of(9999, 12, 31);
    /** The rule named in the problem document. */
    public static final String RULE = "a date or time in the years 0001..9999";

    /** A value of the right type but outside the accepted range. */
    public static final class OutOfRangeException extends InvalidFormatException {
        OutOfRangeException(JsonParser p, Object value, Class<?> type) {
            super(p, "Value out of range: " + RULE, value, type);
        }
    }

    public DateRangeModule() {
        super("register-date-range");
        addDeserializer(LocalDate.class, checked(LocalDateDeserializer.INSTANCE, LocalDate.class, d -> d));
        addDeserializer(Instant.class, checked(InstantDeserializer.INSTANT, Instant.class,
                i -> i.atOffset(ZoneOffset.UTC).toLocalDate()));
        addDeserializer(OffsetDateTime.class, checked(InstantDeserializer.OFFSET_DATE_TIME, OffsetDateTime.class,
                o -> o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()));
    }

    private static <T> JsonDeserializer<T> checked(JsonDeserializer<T> delegate, Class<T> type, Function<T, LocalDate> date) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                T value = delegate.deserialize(p, ctxt);
                if (value != null) {
                    LocalDate d = date.apply(value);
                    if (d.isBefore(MIN) || d.isAfter(MAX)) {
                        throw new OutOfRangeException(p, value.toString(), type);
                    }
                }
                return value;
            }

            @Override
            public Class<?> handledType() {
                return type;
            }
        };
    }
}
