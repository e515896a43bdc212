package no.nb.bibliotekkortet.common.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.temporal.Temporal;

/**
 * Strict JSON for every service: unknown fields are refused (so that loans, fines and other data the
 * register must never hold cannot slip in, R15), a string is never silently read as a number or a
 * boolean, floats are not truncated to integers, dates are written as ISO-8601 strings, and dates and times
 * outside the years 0001..9999 are refused ({@link DateRangeModule}), a key given twice and a null inside a list are
 * refused, and text is checked and normalised ({@link TextHygieneModule}).
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

    /** A java.time reader that refuses a JSON number (400 naming the field), passing everything else on. */
    private static final class NoNumbers extends DelegatingDeserializer {

        NoNumbers(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new NoNumbers(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != null && p.currentToken().isNumeric()) {
                return ctxt.reportInputMismatch(this, "an ISO-8601 string, not a number");
            }
            return super.deserialize(p, ctxt);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // Dates and times are ISO-8601 strings only: java.time's readers would take a number as epoch seconds or days
        // (LocalDate's reader honours the coercion setting; Instant's and OffsetDateTime's do not, hence the wrapper).
        mapper.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        BeanDeserializerModifier isoTimesOnly = new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return Temporal.class.isAssignableFrom(description.getBeanClass())
                        ? new NoNumbers(deserializer) : deserializer;
            }
        };
        mapper.registerModule(new SimpleModule("iso-times-only").setDeserializerModifier(isoTimesOnly));
        mapper.registerModule(new DateRangeModule());
        // Issue 14: a key given twice is ambiguous (which one wins differs between parsers): refused, naming it.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // A null inside a list or map (["a", null]) is refused with the element's path, never passed on.
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        mapper.registerModule(new TextHygieneModule());
    }

    /** Applied after Quarkus' own customizers (which register the java.time module), so our date checks win. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
