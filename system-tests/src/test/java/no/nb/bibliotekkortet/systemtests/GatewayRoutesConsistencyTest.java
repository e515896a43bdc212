package no.nb.bibliotekkortet.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.systemtests.support.Commands;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import no.nb.bibliotekkortet.systemtests.support.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's one route table (gateway/routes.tsv) and its two expressions agree: the nginx config that
 * scripts/gateway-conf.sh generates for local runs, and the committed Gateway API HTTPRoutes in
 * k8s/base/gateway/httproutes.yaml. Needs no running suite (ARCHITECTURE.md "Gateway").
 */
class GatewayRoutesConsistencyTest {

    private final Path root = ProjectFiles.root();

    private Map<String, String> table() {
        return RouteTable.fromTsv(root.resolve("gateway/routes.tsv"));
    }

    private Path generateNginx(Path dir, Map<String, String> env) {
        Path conf = dir.resolve("nginx.conf");
        Commands.Result result = Commands.run(env, "bash", "scripts/gateway-conf.sh", conf.toString(), dir.toString());
        assertEquals(0, result.exitCode(), result.output());
        return conf;
    }

    private Map<String, String> httpRoutes() throws IOException {
        return RouteTable.fromHttpRoutes(RouteTable.parseYamlStream(
                Files.readString(root.resolve("k8s/base/gateway/httproutes.yaml"))));
    }

    @Test
    void generatedNginxConfigRoutesExactlyTheTable(@TempDir Path dir) {
        assertEquals(table(), RouteTable.fromNginx(generateNginx(dir, Map.of())));
    }

    @Test
    void committedHttpRoutesRouteExactlyTheTable() throws IOException {
        assertEquals(table(), httpRoutes(),
                "k8s/base/gateway/httproutes.yaml must express gateway/routes.tsv (docs/gateway.md)");
    }

    /**
     * Issue 18: the access log is one JSON object a line with request id, trace id, status and upstream time, and never
     * names a variable that holds the query string; the gateway passes a traceparent (the caller's valid one or its own).
     */
    @Test
    void accessLogIsJsonWithoutQueryStringsAndTraceparentIsPassedOn(@TempDir Path dir) throws IOException {
        String conf = Files.readString(generateNginx(dir, Map.of()));
        String format = conf.lines().filter(l -> l.contains("log_format register_json escape=json")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON log_format: " + conf));
        for (String field : List.of("\"requestId\":\"$gateway_request_id\"", "\"traceId\":\"$gateway_trace_id\"",
                "\"status\":$status", "\"upstreamTime\":\"$upstream_response_time\"", "\"path\":\"$gateway_path\"")) {
            assertTrue(format.contains(field), field + " missing in " + format);
        }
        for (String leak : List.of("$request_uri", "$args", "$query_string", "$arg_", "$request\"", "$http_authorization",
                "$remote_addr")) {
            assertFalse(format.contains(leak), "the access log must not log " + leak + ": " + format);
        }
        assertTrue(conf.contains("map $request_uri $gateway_path_as_sent { \"~^(?<gwpath>[^?]*)\""), "the path is cut before '?'");
        assertTrue(conf.contains("map $gateway_path_masked_once $gateway_path {"), "11-digit segments masked (GatewayBoundaryTest)");
        assertTrue(conf.contains("access_log " + dir + "/access.log register_json;"), conf);
        assertTrue(conf.contains("proxy_set_header traceparent $gateway_traceparent;"), conf);
        assertTrue(conf.contains("\"~^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$\" $http_traceparent; "
                + "default 00-$request_id-$gateway_span_id-01;"), "a caller's valid traceparent or the gateway's own");
    }

    @Test
    void onlyPublicApiPrefixesAreRoutedAndInternalAndManagementPathsAre404(@TempDir Path dir) throws IOException {
        table().forEach((prefix, service) -> {
            if (prefix.equals("/")) {
                assertEquals("selfservice-web", service, "/ is the citizens' site only");
                return;
            }
            assertTrue(prefix.startsWith("/api/"), prefix);
            assertFalse(prefix.endsWith("/"), prefix);
        });
        String conf = Files.readString(generateNginx(dir, Map.of()));
        assertTrue(conf.contains("location ^~ /internal { return 404"), conf);
        assertTrue(conf.contains("location ^~ /q { return 404"), conf);
        assertTrue(conf.contains("location ^~ /api { return 404"), conf);
    }

    @Test
    void theCheckNoticesADisagreement(@TempDir Path dir) throws IOException {
        Path changed = dir.resolve("routes.tsv");
        Files.writeString(changed, Files.readString(root.resolve("gateway/routes.tsv"))
                .replace("/api/v1/card-numbers\tnumberseries-service", "/api/v1/card-numbers\tpatron-service"));
        Map<String, String> fromChanged = RouteTable.fromNginx(generateNginx(dir, Map.of("GATEWAY_ROUTES", changed.toString())));
        assertNotEquals(httpRoutes(), fromChanged);
    }

    @Test
    void theGeneratorRejectsAnUnknownServiceOrANonApiPrefix(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("routes.tsv");
        Files.writeString(bad, "/api/v1/x\tno-such-service\n");
        Commands.Result unknown = Commands.run(Map.of("GATEWAY_ROUTES", bad.toString()),
                "bash", "scripts/gateway-conf.sh", dir.resolve("a.conf").toString(), dir.toString());
        assertNotEquals(0, unknown.exitCode());
        Files.writeString(bad, "/\tpatron-service\n");
        Commands.Result rootToAService = Commands.run(Map.of("GATEWAY_ROUTES", bad.toString()),
                "bash", "scripts/gateway-conf.sh", dir.resolve("c.conf").toString(), dir.toString());
        assertNotEquals(0, rootToAService.exitCode(), "/ may only route to the site");
        Files.writeString(bad, "/internal/x\tpatron-service\n");
        Commands.Result internal = Commands.run(Map.of("GATEWAY_ROUTES", bad.toString()),
                "bash", "scripts/gateway-conf.sh", dir.resolve("b.conf").toString(), dir.toString());
        assertNotEquals(0, internal.exitCode());
    }
}
