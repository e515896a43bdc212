package no.nb.bibliotekkortet.systemtests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.common.security.Permissions;

/**
 * Every operation of the five services as their own OpenAPI documents ({@code /q/openapi}) declare it: method, path
 * template and the roles under its security requirement ({@code Roles} in common). Read by the authorization matrix
 * and the fuzz test, so that a new operation is covered by both without touching them.
 */
public final class DeclaredOperations {

    /** One registered client of each kind (config/clients.json). */
    public static final Map<String, String> CLIENT_OF_KIND = new LinkedHashMap<>();
    /** Every scope of the register, without the {@code bibliotekkortet:} prefix (common's one list). */
    public static final String[] ALL_SCOPES = Permissions.DESCRIPTIONS.keySet().toArray(String[]::new);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/:]+)(?::[^}]*)?}");

    static {
        CLIENT_OF_KIND.put("LIBRARY_SYSTEM", "library-system-2030000");
        CLIENT_OF_KIND.put("PARTNER", "partner-filmoteket");
        CLIENT_OF_KIND.put("DOOR_SYSTEM", "door-system-2030000");
        CLIENT_OF_KIND.put("ILL_SERVICE", "biblioteksok");
        CLIENT_OF_KIND.put("ADMIN", "nb-backoffice");
        CLIENT_OF_KIND.put("SERVICE", "patron-service");
        CLIENT_OF_KIND.put("WEB_SITE", "selfservice-web");
    }

    /** One operation: its service, method, path template, declared roles and its OpenAPI node and document. */
    public record Operation(String service, String method, String path, Set<String> roles, JsonNode node, JsonNode document) {

        /** True for {@code /internal/...} (called on the service's port with the internal audience). */
        public boolean internal() {
            return path.startsWith("/internal/");
        }

        /** The path parameters' names, in order. */
        public List<String> parameters() {
            List<String> names = new ArrayList<>();
            Matcher m = PATH_PARAMETER.matcher(path);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        /** The path with each parameter replaced by {@code values.get(name)}. */
        public String path(Map<String, String> values) {
            Matcher m = PATH_PARAMETER.matcher(path);
            StringBuilder result = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(result, Matcher.quoteReplacement(values.get(m.group(1))));
            }
            m.appendTail(result);
            return result.toString();
        }

        /** The base URI to call it on: the gateway for {@code /api}, the service itself for {@code /internal}. */
        public String baseUrl() {
            return internal() ? Suite.serviceUrl(service) : Suite.gatewayUrl();
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + service + ")";
        }
    }

    private DeclaredOperations() {
    }

    /** Reads every GET/POST/PUT/PATCH/DELETE operation of the five services. */
    public static List<Operation> read() throws Exception {
        List<Operation> result = new ArrayList<>();
        for (String service : Suite.SERVICES) {
            JsonNode document = document(service);
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                String method = op.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    return;
                }
                Set<String> roles = new LinkedHashSet<>();
                op.getValue().path("security").forEach(requirement -> requirement.fields()
                        .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
                result.add(new Operation(service, method, path.getKey(), roles, op.getValue(), document));
            }));
        }
        return result;
    }

    /**
     * One service's OpenAPI document, asked again (up to 10 times, 2 s apart) while the service does not answer 200
     * with paths, as right after the suite started.
     *
     * @throws IllegalStateException when it never does
     */
    private static JsonNode document(String service) throws Exception {
        String last = "";
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(Suite.serviceUrl(service)
                        + "/q/openapi?format=json")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode document = JSON.readTree(response.body());
                    if (document.path("paths").size() > 0) {
                        return document;
                    }
                }
                last = "HTTP " + response.statusCode();
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("No OpenAPI document from " + service + ": " + last);
    }

    /**
     * A well-formed value for a path parameter that names nothing that exists, or the given library.
     *
     * @param libraryNumber the library number to use for {@code {libraryNumber}}
     */
    public static String sample(String name, String libraryNumber) {
        return switch (name) {
            case "libraryNumber" -> libraryNumber;
            case "cardNumber", "localCardNumber" -> "N000000001";
            case "clientId" -> "unknown-client-" + UUID.randomUUID().toString().substring(0, 8);
            case "partnerId" -> "unknown-partner-" + UUID.randomUUID().toString().substring(0, 8);
            default -> UUID.randomUUID().toString();
        };
    }
}
