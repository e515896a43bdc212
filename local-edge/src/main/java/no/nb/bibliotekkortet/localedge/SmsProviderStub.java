package no.nb.bibliotekkortet.localedge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the SMS provider: records every message POSTed to {@code /messages} (the plain HTTP
 * provider contract of notification-service's SmsProviderClient) and lists them, so system tests can check
 * what notification-service sent. Local runs only; it keeps messages in memory and ignores credentials.
 *
 * <ul>
 *   <li>{@code POST /messages} (any body, at most 64 KiB) → 202 {@code {"id": n}}; the body is kept verbatim.</li>
 *   <li>{@code GET /messages} → 200, a JSON array of {@code {"id", "receivedAt" (ISO-8601 UTC), "contentType",
 *       "body" (the posted body as a JSON string)}}, oldest first.</li>
 *   <li>{@code DELETE /messages} → 204, forgets every message.</li>
 *   <li>{@code GET /health} → 200 {@code {"status":"UP"}}.</li>
 * </ul>
 * Anything else → 404 or 405. Start: {@code java -jar local-edge/target/local-edge-*.jar [port]} (default
 * 2590, or env {@code SMS_STUB_PORT}); binds 127.0.0.1 only.
 */
public final class SmsProviderStub {

    /** Largest accepted body in bytes; a real SMS is far smaller. */
    static final int MAX_BODY = 64 * 1024;

    /** One recorded message. */
    record Message(long id, Instant receivedAt, String contentType, String body) {
        String toJson() {
            return "{\"id\":" + id + ",\"receivedAt\":\"" + receivedAt + "\",\"contentType\":"
                    + quote(contentType) + ",\"body\":" + quote(body) + "}";
        }
    }

    private final HttpServer server;
    private final List<Message> messages = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    private SmsProviderStub(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the stub on 127.0.0.1:{@code port} (0 = any free port) and returns at once.
     *
     * @throws IOException when the port cannot be bound
     */
    public static SmsProviderStub start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        SmsProviderStub stub = new SmsProviderStub(server);
        server.createContext("/messages", stub::handleSms);
        server.createContext("/health", exchange -> stub.respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/", exchange -> stub.respond(exchange, 404, "{\"status\":404}"));
        server.setExecutor(Executors.newFixedThreadPool(4));
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

    /** Runs the stub until the process is killed; port from the first argument, env SMS_STUB_PORT, or 2590. */
    public static void main(String[] args) throws IOException {
        String configured = args.length > 0 ? args[0] : System.getenv().getOrDefault("SMS_STUB_PORT", "2590");
        SmsProviderStub stub = start(Integer.parseInt(configured));
        System.out.println("SMS provider stub listening on http://127.0.0.1:" + stub.port() + "/messages");
    }

    private void handleSms(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/messages")) {
            respond(exchange, 404, "{\"status\":404}");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "POST" -> {
                byte[] body = readBody(exchange.getRequestBody());
                if (body == null) {
                    respond(exchange, 413, "{\"status\":413}");
                    return;
                }
                Message message;
                synchronized (messages) {
                    message = new Message(ids.incrementAndGet(), Instant.now(),
                            exchange.getRequestHeaders().getFirst("Content-Type"),
                            new String(body, StandardCharsets.UTF_8));
                    messages.add(message);
                }
                System.out.println("SMS " + message.id() + " recorded (" + body.length + " bytes)");
                respond(exchange, 202, "{\"id\":" + message.id() + "}");
            }
            case "GET" -> {
                StringBuilder json = new StringBuilder("[");
                synchronized (messages) {
                    for (Message m : messages) {
                        if (json.length() > 1) {
                            json.append(',');
                        }
                        json.append(m.toJson());
                    }
                }
                respond(exchange, 200, json.append(']').toString());
            }
            case "DELETE" -> {
                synchronized (messages) {
                    messages.clear();
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            }
            default -> respond(exchange, 405, "{\"status\":405}");
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A JSON string literal for {@code s} (null → {@code null}). */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
