package no.nb.bibliotekkortet.localedge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A local stand-in for the OpenTelemetry collector (issue 18, docs/observability.md "Traces"): receives the services'
 * spans over OTLP/HTTP (protobuf, optionally gzip, as Quarkus' OTLP exporter sends them with protocol
 * {@code http/protobuf}) and keeps the latest {@value #CAPACITY} in memory, so the system tests can ask which services
 * took part in a trace. Local runs only.
 *
 * <ul>
 *   <li>{@code POST /v1/traces} ({@code application/x-protobuf}, an {@code ExportTraceServiceRequest}, at most
 *       {@value #MAX_BODY} bytes) → 200 with an empty {@code ExportTraceServiceResponse}; 400 when it cannot be
 *       parsed.</li>
 *   <li>{@code GET /spans?traceId=<32 hex>} → 200, a JSON array of {@code {"service", "name", "kind", "traceId",
 *       "spanId", "parentSpanId"}} (ids in lower-case hex, {@code parentSpanId} "" for a root), oldest first; without
 *       {@code traceId} every kept span.</li>
 *   <li>{@code DELETE /spans} → 204, forgets every span. {@code GET /health} → 200.</li>
 * </ul>
 * Span attributes are not kept (they are not needed, and a URL attribute could hold a card number).
 * Start: {@code java -cp <local-edge jar and its lib/*> no.nb.bibliotekkortet.localedge.TraceCollectorStub [port]}
 * (default 4318, the OTLP/HTTP port, or env {@code TRACE_COLLECTOR_PORT}); binds 127.0.0.1 only.
 */
public final class TraceCollectorStub {

    /** Spans kept; older ones are forgotten first. */
    static final int CAPACITY = 50_000;
    /** Largest accepted export in bytes (the SDK's batches of 512 spans are far smaller). */
    static final int MAX_BODY = 8 * 1024 * 1024;

    /** One received span, as the tests need it. */
    record Received(String service, String name, String kind, String traceId, String spanId, String parentSpanId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final ArrayDeque<Received> spans = new ArrayDeque<>();

    private TraceCollectorStub(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the collector on 127.0.0.1:{@code port} (0 = any free port) and returns at once.
     *
     * @throws IOException when the port cannot be bound
     */
    public static TraceCollectorStub start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        TraceCollectorStub stub = new TraceCollectorStub(server);
        server.createContext("/v1/traces", stub::handleExport);
        server.createContext("/spans", stub::handleSpans);
        server.createContext("/health", exchange -> respond(exchange, 200, "application/json", "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/", exchange -> respond(exchange, 404, "application/json", "{\"status\":404}".getBytes(StandardCharsets.UTF_8)));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return stub;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops the server at once. */
    public void stop() {
        server.stop(0);
    }

    /** Runs until the process is killed; port from the first argument, env TRACE_COLLECTOR_PORT, or 4318. */
    public static void main(String[] args) throws IOException {
        String configured = args.length > 0 ? args[0] : System.getenv().getOrDefault("TRACE_COLLECTOR_PORT", "4318");
        TraceCollectorStub stub = start(Integer.parseInt(configured));
        System.out.println("Trace collector stand-in listening on 127.0.0.1:" + stub.port());
    }

    /** The kept spans of one trace (all when {@code traceId} is null), oldest first. */
    synchronized List<Received> spans(String traceId) {
        List<Received> out = new ArrayList<>();
        for (Received span : spans) {
            if (traceId == null || span.traceId().equals(traceId)) {
                out.add(span);
            }
        }
        return out;
    }

    private synchronized void keep(List<Received> received) {
        for (Received span : received) {
            if (spans.size() == CAPACITY) {
                spans.removeFirst();
            }
            spans.addLast(span);
        }
    }

    private synchronized void clear() {
        spans.clear();
    }

    private void handleExport(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "application/json", "{\"status\":405}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                respond(exchange, 413, "application/json", "{\"status\":413}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    body = in.readNBytes(MAX_BODY);
                }
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException e) {
                respond(exchange, 400, "application/json", "{\"status\":400}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            keep(received(request));
            // An empty ExportTraceServiceResponse is zero bytes of protobuf.
            respond(exchange, 200, "application/x-protobuf", new byte[0]);
        }
    }

    static List<Received> received(ExportTraceServiceRequest request) {
        List<Received> out = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String service = "";
            for (KeyValue attribute : resourceSpans.getResource().getAttributesList()) {
                if (attribute.getKey().equals("service.name")) {
                    service = attribute.getValue().getStringValue();
                }
            }
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    out.add(new Received(service, span.getName(), span.getKind().name().replace("SPAN_KIND_", ""),
                            HEX.formatHex(span.getTraceId().toByteArray()), HEX.formatHex(span.getSpanId().toByteArray()),
                            HEX.formatHex(span.getParentSpanId().toByteArray())));
                }
            }
        }
        return out;
    }

    private void handleSpans(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    String traceId = null;
                    String query = exchange.getRequestURI().getRawQuery();
                    if (query != null) {
                        for (String pair : query.split("&")) {
                            if (pair.startsWith("traceId=")) {
                                traceId = pair.substring("traceId=".length()).toLowerCase(java.util.Locale.ROOT);
                            }
                        }
                    }
                    ArrayNode array = JSON.createArrayNode();
                    for (Received span : spans(traceId)) {
                        ObjectNode node = array.addObject();
                        node.put("service", span.service()).put("name", span.name()).put("kind", span.kind())
                                .put("traceId", span.traceId()).put("spanId", span.spanId())
                                .put("parentSpanId", span.parentSpanId());
                    }
                    respond(exchange, 200, "application/json", JSON.writeValueAsBytes(array));
                }
                case "DELETE" -> {
                    clear();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> respond(exchange, 405, "application/json", "{\"status\":405}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
