package no.nb.bibliotekkortet.common.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a free-text field of a request body (e.g. a library's loan-rule text) that may hold line breaks and tabs;
 * every other text field is a single line ({@link TextHygieneModule}). Line breaks are stored as {@code \n}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface MultiLine {
}
