package no.nb.bibliotekkortet.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, the body of every error response ({@code application/problem+json}).
 *
 * <p>{@code type} is a stable URI ({@code https://bibliotekkortet.no/problems/<slug>}) that clients may
 * switch on; {@code title} is a short human summary of the type; {@code detail} explains this
 * occurrence; {@code field} names the request field at fault (JSON property, path or header name) and
 * {@code rule} states the rule it broke. A problem never carries personal data or stack traces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, String rule) {

    /** Base of every problem type URI. */
    public static final String TYPE_BASE = "https://bibliotekkortet.no/problems/";

    /** Media type of problem documents (RFC 9457). */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Builds a problem whose type is {@link #TYPE_BASE} + {@code slug}. */
    public static Problem of(int status, String slug, String title, String detail, String field, String rule) {
        return new Problem(TYPE_BASE + slug, title, status, detail, field, rule);
    }
}
