package no.nb.bibliotekkortet.common.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C Trace Context ({@code traceparent}) of a span, for the few calls the OpenTelemetry instrumentation does not
 * see: the JDK {@code HttpClient} of the outbox relay and of {@code RemoteClientRegistry} (issue 18; the REST clients
 * and the REST server are instrumented by quarkus-opentelemetry).
 */
public final class TraceContext {

    /** The W3C Trace Context header. */
    public static final String HEADER = "traceparent";

    private TraceContext() {
    }

    /**
     * {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>} of the context's span, or null when the context has
     * no valid span (tracing off, or outside any trace).
     */
    public static String traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The {@code traceparent} of the current span, or null (see {@link #traceparent(Context)}). */
    public static String current() {
        return traceparent(Context.current());
    }

    /** Adds the current span's {@code traceparent} to a JDK HTTP request, when there is one. */
    public static java.net.http.HttpRequest.Builder propagate(java.net.http.HttpRequest.Builder request) {
        String traceparent = current();
        return traceparent == null ? request : request.header(HEADER, traceparent);
    }
}
