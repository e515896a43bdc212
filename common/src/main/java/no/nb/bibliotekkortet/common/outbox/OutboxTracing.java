package no.nb.bibliotekkortet.common.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.common.observability.TraceContext;

/**
 * Carries a trace across the outbox's asynchronous hop (issue 18, docs/observability.md "Traces"): the W3C
 * {@code traceparent} of the request that wrote a message is stored with its row ({@link #current()}), and the relay
 * sends the message in a CLIENT span that continues that trace ({@link #startDelivery}), with the span's own
 * {@code traceparent} header, so the receiver's server span joins the same trace as the request that caused it.
 */
@ApplicationScoped
public class OutboxTracing {

    /** The W3C Trace Context header. */
    public static final String HEADER = TraceContext.HEADER;
    /** Version 00 of the header: {@code 00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>}, 55 characters. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public OutboxTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * The {@code traceparent} of the current span (the request or job writing an outbox row), or null when there is
     * no valid span (tracing off, or no trace).
     */
    public String current() {
        return TraceContext.current();
    }

    /**
     * Starts the CLIENT span of one delivery attempt, a child of the stored {@code traceparent} (a new trace when it is
     * null or malformed). End it with {@link Delivery#end(int, String)}.
     *
     * @param destination the receiving service (span attribute {@code register.outbox.destination})
     * @param path        the path posted to (span name {@code POST <path>}; outbox paths never hold personal data)
     * @param stored      the row's {@code traceparent}, may be null
     */
    public Delivery startDelivery(String destination, String path, String stored) {
        Context parent = Context.root();
        if (stored != null && TRACEPARENT.matcher(stored).matches()) {
            parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, stored), GETTER);
        }
        Span span = tracer.spanBuilder("POST " + path).setParent(parent).setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", "POST")
                .setAttribute("register.outbox.destination", destination)
                .startSpan();
        return new Delivery(span, TraceContext.traceparent(parent.with(span)));
    }

    /** One delivery attempt's span and the {@code traceparent} header to send with it (null when tracing is off). */
    public record Delivery(Span span, String traceparent) {

        /**
         * Ends the span with the receiver's HTTP status (0: none recorded) and, on failure, a short error (never a
         * payload).
         */
        public void end(int status, String error) {
            if (status > 0) {
                span.setAttribute("http.response.status_code", status);
            }
            if (error != null) {
                span.setStatus(StatusCode.ERROR, error);
            }
            span.end();
        }
    }
}
