package no.nb.bibliotekkortet.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for another service at the system's edge: a real HTTP server on a free loopback port that
 * records every request and answers with a status (and body) chosen per path by the test.
 */
public final class RecordingServer implements AutoCloseable {

    /** One recorded request. */
    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A canned answer. */
    public record Answer(int status, String json) {
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Recorded, Answer>> answers = new ConcurrentHashMap<>();
    private volatile Answer defaultAnswer = new Answer(200, "{}");

    public RecordingServer() {
        // The JDK server's small answers otherwise wait for the client's delayed ACK (about 40 ms each): a
        // receiver that the register calls many times (the outbox relay in benchmarks) would measure that.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(recorded);
            Function<Recorded, Answer> handler = answers.get(recorded.path());
            Answer answer = handler != null ? handler.apply(recorded) : defaultAnswer;
            byte[] bytes = answer.json() == null ? new byte[0] : answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answer requests to {@code path} with {@code status} and {@code json}. */
    public RecordingServer answer(String path, int status, String json) {
        answers.put(path, r -> new Answer(status, json));
        return this;
    }

    /** Answer requests to {@code path} with whatever {@code handler} returns. */
    public RecordingServer answer(String path, Function<Recorded, Answer> handler) {
        answers.put(path, handler);
        return this;
    }

    /** Answer every path without a specific answer with {@code status}. */
    public RecordingServer answerAll(int status) {
        defaultAnswer = new Answer(status, status < 300 ? "{}" : null);
        answers.clear();
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public void clear() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
