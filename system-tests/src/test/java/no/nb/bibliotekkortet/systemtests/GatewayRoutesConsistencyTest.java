package no.nb.bibliotekkortet.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
