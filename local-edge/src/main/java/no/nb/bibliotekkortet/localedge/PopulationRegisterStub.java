package no.nb.bibliotekkortet.localedge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the population register (Folkeregisteret), shaped like Skatteetaten's "offentlig med
 * hjemmel" service as its public documentation describes it (docs/population-register.md says what is modelled
 * and what differs). Local runs and tests only: data lives in memory, tokens are required but not verified,
 * everything binds to 127.0.0.1.
 *
 * <p>The register's API (prefix {@value #API}):
 * <ul>
 *   <li>{@code GET personer/{folkeregisteridentifikator}} → 200 the person document (current or any earlier
 *       identity number finds the person); 404 {@code {"kode":"FREG-404","melding":...}}.</li>
 *   <li>{@code POST personer/bulkoppslag} {@code {"foedselsEllerDNummer": [..]}} → 200 {@code {"oppslag":
 *       [{"foedselsEllerDNummer", "folkeregisterperson"}]}} for the numbers found (the identity numbers stay out
 *       of URLs; patron-service uses this).</li>
 *   <li>{@code GET hendelser/feed?seq=N[&antall=M]} → 200 JSON array of up to {@code antall} (default and at most
 *       1000) events with {@code sekvensnummer >= N}, oldest first: {@code {"sekvensnummer", "hendelse":
 *       {"folkeregisteridentifikator", "hendelsestype", "hendelsesdokument", "persondokument",
 *       "ajourholdstidspunkt"}}}.</li>
 *   <li>{@code GET hendelser/feed/siste} → 200 {@code {"sekvensnummer": n}} (0 when empty).</li>
 * </ul>
 * Every API call needs an {@code Authorization: Bearer ...} header (401 without). While made unavailable, every
 * API call answers 503.
 *
 * <p>Test endpoints (not part of the register):
 * <ul>
 *   <li>{@code PUT /test/personer} a person document → 204; replaces the person found by any of its identity
 *       numbers; no event.</li>
 *   <li>{@code POST /test/hendelser} {@code {"hendelsestype", "folkeregisteridentifikator"?, "person"?}} → 201
 *       {@code {"sekvensnummer": n}}: stores {@code person} (when given) and appends an event for it (the
 *       identifier defaults to the person's current one).</li>
 *   <li>{@code PUT /test/availability} {@code {"available": false}} → 204.</li>
 *   <li>{@code DELETE /test} → 204, forgets persons and events.</li>
 *   <li>{@code GET /health} → 200.</li>
 * </ul>
 * Start: {@code java -cp 'local-edge/target/local-edge-*.jar:local-edge/target/lib/*'
 * no.nb.bibliotekkortet.localedge.PopulationRegisterStub [port] [persons.json]} (default port 2591, or env
 * {@code POPULATION_REGISTER_PORT}); the optional file holds a JSON array of person documents loaded at start.
 */
public final class PopulationRegisterStub {

    /** Path prefix of the register's API. */
    public static final String API = "/folkeregisteret/offentlig-med-hjemmel/api/v1/";
    static final int MAX_PAGE = 1000;
    private static final int MAX_BODY = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<ObjectNode> persons = new ArrayList<>();
    private final List<ObjectNode> events = new ArrayList<>();
    private final Map<String, ObjectNode> documents = new HashMap<>();
    private volatile boolean available = true;

    private PopulationRegisterStub(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the stand-in on 127.0.0.1:{@code port} (0 = any free port) and returns at once.
     *
     * @throws IOException when the port cannot be bound
     */
    public static PopulationRegisterStub start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        PopulationRegisterStub stub = new PopulationRegisterStub(server);
        server.createContext(API, stub::handleApi);
        server.createContext("/test", stub::handleTest);
        server.createContext("/health", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/", exchange -> respond(exchange, 404, "{\"status\":404}"));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return stub;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:2591}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Stops the server at once. */
    public void stop() {
        server.stop(0);
    }

    /** Runs until killed: port from the first argument, env POPULATION_REGISTER_PORT, or 2591; persons file second. */
    public static void main(String[] args) throws IOException {
        String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("POPULATION_REGISTER_PORT", "2591");
        PopulationRegisterStub stub = start(Integer.parseInt(port));
        if (args.length > 1) {
            JsonNode loaded = JSON.readTree(Files.readString(Path.of(args[1])));
            for (JsonNode person : loaded) {
                stub.put((ObjectNode) person);
            }
            System.out.println("Population register stand-in: " + loaded.size() + " persons loaded");
        }
        System.out.println("Population register stand-in listening on " + stub.url() + API);
    }

    // --- data ----------------------------------------------------------------------------------------------

    /** Stores or replaces a person (matched on any identity number); returns the stored document's id. */
    public synchronized String put(ObjectNode person) {
        List<String> ids = identifiers(person);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("identifikasjonsnummer required");
        }
        persons.removeIf(p -> identifiers(p).stream().anyMatch(ids::contains));
        persons.add(person);
        String documentId = UUID.randomUUID().toString().replace("-", "");
        documents.put(documentId, person.deepCopy());
        return documentId;
    }

    /** Appends an event for the person with identifier {@code id}; returns its sequence number. */
    public synchronized long append(String type, String id, String personDocument) {
        long seq = events.size() + 1;
        ObjectNode event = JSON.createObjectNode();
        event.put("sekvensnummer", seq);
        ObjectNode h = event.putObject("hendelse");
        h.put("folkeregisteridentifikator", id);
        h.put("hendelsestype", type);
        h.put("hendelsesdokument", UUID.randomUUID().toString().replace("-", ""));
        h.put("persondokument", personDocument);
        h.put("ajourholdstidspunkt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        events.add(event);
        return seq;
    }

    /** Makes every API call answer 503 ({@code false}) or work again. */
    public void available(boolean available) {
        this.available = available;
    }

    /** Forgets every person and event. */
    public synchronized void reset() {
        persons.clear();
        events.clear();
        documents.clear();
        available = true;
    }

    private synchronized ObjectNode find(String id) {
        return persons.stream().filter(p -> identifiers(p).contains(id)).findFirst().orElse(null);
    }

    static List<String> identifiers(JsonNode person) {
        List<String> ids = new ArrayList<>();
        for (JsonNode n : person.path("identifikasjonsnummer")) {
            String id = n.path("foedselsEllerDNummer").asText("");
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The person's current identity number ({@code erGjeldende}), else the first. */
    public static String current(JsonNode person) {
        for (JsonNode n : person.path("identifikasjonsnummer")) {
            if (n.path("erGjeldende").asBoolean(false)) {
                return n.path("foedselsEllerDNummer").asText();
            }
        }
        List<String> ids = identifiers(person);
        return ids.isEmpty() ? null : ids.get(0);
    }

    // --- HTTP --------------------------------------------------------------------------------------------

    private void handleApi(HttpExchange exchange) throws IOException {
        if (!available) {
            respond(exchange, 503, "{\"kode\":\"FREG-001\",\"melding\":\"Feil i tjenesten. Vennligst prøv igjen seinere.\"}");
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 20) {
            respond(exchange, 401, "{\"kode\":\"FREG-401\",\"melding\":\"Autentiseringsinformasjon mangler\"}");
            return;
        }
        String rest = exchange.getRequestURI().getPath().substring(API.length());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (rest.equals("personer/bulkoppslag") && "POST".equals(exchange.getRequestMethod())) {
            JsonNode body;
            try {
                body = body(exchange);
            } catch (IOException e) {
                respond(exchange, 400, "{\"kode\":\"FREG-400\",\"melding\":\"Ugyldig forespørsel\"}");
                return;
            }
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode found = answer.putArray("oppslag");
            for (JsonNode id : body.path("foedselsEllerDNummer")) {
                ObjectNode person = find(id.asText());
                if (person != null) {
                    found.addObject().put("foedselsEllerDNummer", id.asText()).set("folkeregisterperson", person);
                }
            }
            respond(exchange, 200, JSON.writeValueAsString(answer));
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "{\"kode\":\"FREG-405\",\"melding\":\"Metoden støttes ikke\"}");
            return;
        }
        if (rest.startsWith("personer/") && rest.indexOf('/', "personer/".length()) < 0) {
            ObjectNode person = find(rest.substring("personer/".length()));
            if (person == null) {
                respond(exchange, 404, "{\"kode\":\"FREG-404\",\"melding\":\"Fant ikke person\"}");
            } else {
                respond(exchange, 200, JSON.writeValueAsString(person));
            }
        } else if (rest.equals("hendelser/feed/siste")) {
            synchronized (this) {
                respond(exchange, 200, "{\"sekvensnummer\":" + events.size() + "}");
            }
        } else if (rest.equals("hendelser/feed")) {
            long seq;
            int size;
            try {
                seq = Math.max(1, Long.parseLong(query.getOrDefault("seq", "1")));
                size = Math.min(MAX_PAGE, Math.max(1, Integer.parseInt(query.getOrDefault("antall", String.valueOf(MAX_PAGE)))));
            } catch (NumberFormatException e) {
                respond(exchange, 400, "{\"kode\":\"FREG-400\",\"melding\":\"Ugyldig sekvensnummer\"}");
                return;
            }
            ArrayNode page = JSON.createArrayNode();
            synchronized (this) {
                for (long i = seq; i <= events.size() && page.size() < size; i++) {
                    page.add(events.get((int) (i - 1)));
                }
            }
            respond(exchange, 200, JSON.writeValueAsString(page));
        } else {
            respond(exchange, 404, "{\"kode\":\"FREG-404\",\"melding\":\"Feil uri brukt\"}");
        }
    }

    private void handleTest(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            if (path.equals("/test") && method.equals("DELETE")) {
                reset();
                respond(exchange, 204, null);
            } else if (path.equals("/test/personer") && method.equals("PUT")) {
                put((ObjectNode) body(exchange));
                respond(exchange, 204, null);
            } else if (path.equals("/test/hendelser") && method.equals("POST")) {
                JsonNode body = body(exchange);
                String type = body.path("hendelsestype").asText("");
                if (type.isEmpty()) {
                    respond(exchange, 400, "{\"field\":\"hendelsestype\"}");
                    return;
                }
                long seq;
                synchronized (this) {
                    String document = null;
                    String id = body.path("folkeregisteridentifikator").asText(null);
                    if (body.has("person")) {
                        ObjectNode person = (ObjectNode) body.get("person");
                        document = put(person);
                        id = id != null ? id : current(person);
                    }
                    if (id == null) {
                        respond(exchange, 400, "{\"field\":\"folkeregisteridentifikator\"}");
                        return;
                    }
                    seq = append(type, id, document);
                }
                respond(exchange, 201, "{\"sekvensnummer\":" + seq + "}");
            } else if (path.equals("/test/availability") && method.equals("PUT")) {
                available(body(exchange).path("available").asBoolean(true));
                respond(exchange, 204, null);
            } else {
                respond(exchange, 404, "{\"status\":404}");
            }
        } catch (IOException | RuntimeException e) {
            respond(exchange, 400, "{\"status\":400,\"detail\":" + JSON.writeValueAsString(String.valueOf(e.getMessage())) + "}");
        }
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IOException("body too large");
        }
        JsonNode node = JSON.readTree(bytes);
        if (node == null || !node.isObject()) {
            throw new IOException("a JSON object is required");
        }
        return node;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
