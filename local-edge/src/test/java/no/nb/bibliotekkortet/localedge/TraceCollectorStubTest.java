package no.nb.bibliotekkortet.localedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The collector stand-in over real HTTP: an OTLP/HTTP protobuf export (plain and gzip) is listed per trace. */
class TraceCollectorStubTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";

    private final HttpClient http = HttpClient.newHttpClient();
    private TraceCollectorStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = TraceCollectorStub.start(0);
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    private static ExportTraceServiceRequest export(String service, String traceId, String spanId, String parent, String name) {
        HexFormat hex = HexFormat.of();
        Span span = Span.newBuilder().setTraceId(ByteString.copyFrom(hex.parseHex(traceId)))
                .setSpanId(ByteString.copyFrom(hex.parseHex(spanId)))
                .setParentSpanId(parent.isEmpty() ? ByteString.EMPTY : ByteString.copyFrom(hex.parseHex(parent)))
                .setName(name).setKind(Span.SpanKind.SPAN_KIND_SERVER).build();
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build();
    }

    private HttpResponse<String> post(byte[] body, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stub.port() + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf");
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                out.write(body);
            }
            body = zipped.toByteArray();
            request.header("Content-Encoding", "gzip");
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode spans(String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stub.port() + "/spans" + query)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void exportedSpansAreListedPerTrace() throws Exception {
        assertEquals(200, post(export("patron-service", TRACE, "00f067aa0ba902b7", "", "POST /api/v1/patrons").toByteArray(), false)
                .statusCode());
        assertEquals(200, post(export("notification-service", TRACE, "b7ad6b7169203331", "00f067aa0ba902b7",
                "POST /internal/v1/notifications").toByteArray(), true).statusCode());
        assertEquals(200, post(export("auth-service", OTHER_TRACE, "53995c3f42cd8ad8", "", "GET /x").toByteArray(), false)
                .statusCode());

        JsonNode trace = spans("?traceId=" + TRACE.toUpperCase());
        assertEquals(2, trace.size(), trace.toString());
        assertEquals("patron-service", trace.get(0).path("service").asText());
        assertEquals("SERVER", trace.get(0).path("kind").asText());
        assertEquals("", trace.get(0).path("parentSpanId").asText());
        assertEquals("notification-service", trace.get(1).path("service").asText());
        assertEquals("00f067aa0ba902b7", trace.get(1).path("parentSpanId").asText());
        assertEquals(3, spans("").size());

        assertEquals(204, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stub.port() + "/spans"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(0, spans("").size());
    }

    @Test
    void refusesWhatIsNotAnExport() throws Exception {
        assertEquals(400, post(new byte[] {(byte) 0xff, 0x01, 0x02}, false).statusCode());
        assertTrue(spans("").isEmpty());
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stub.port() + "/v1/traces")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stub.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
