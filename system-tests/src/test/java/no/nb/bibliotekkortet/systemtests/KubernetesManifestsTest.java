package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Overlays.build;
import static no.nb.bibliotekkortet.systemtests.support.Overlays.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import no.nb.bibliotekkortet.systemtests.support.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kustomize tree under k8s/ (offline, no cluster): each overlay builds with {@code kubectl kustomize},
 * every object parses and is well formed, the committed base manifests equal the ones quarkus-kubernetes
 * generated in this build (scripts/k8s-sync.sh copies them), and prod has what production needs.
 */
class KubernetesManifestsTest {

    private static final List<String> SERVICES = List.of("patron-service", "membership-service", "auth-service",
            "numberseries-service", "notification-service");

    private final Path root = ProjectFiles.root();



    private static Set<String> names(List<JsonNode> objects) {
        return objects.stream().map(o -> o.path("metadata").path("name").asText()).collect(Collectors.toSet());
    }

    @Test
    void committedBaseManifestsEqualTheGeneratedOnes() throws IOException {
        for (String service : SERVICES) {
            Path generated = root.resolve(service + "/target/kubernetes/kubernetes.yml");
            assertTrue(Files.isRegularFile(generated), generated + " is missing: build the services first");
            assertEquals(Files.readString(generated), Files.readString(root.resolve("k8s/base/services/" + service + ".yml")),
                    "k8s/base/services/" + service + ".yml is stale: run scripts/k8s-sync.sh and commit k8s/base");
        }
        assertEquals(Files.readString(root.resolve("config/clients.json")),
                Files.readString(root.resolve("k8s/base/config/clients.json")),
                "k8s/base/config/clients.json is stale: run scripts/k8s-sync.sh and commit k8s/base");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "test", "prod"})
    void overlayBuildsAndEveryObjectIsWellFormed(String overlay) {
        List<JsonNode> objects = build(overlay);
        assertFalse(objects.isEmpty());
        Set<String> seen = new HashSet<>();
        for (JsonNode o : objects) {
            assertTrue(o.path("apiVersion").isTextual() && o.path("kind").isTextual(), o.toString());
            String name = o.path("metadata").path("name").asText();
            assertFalse(name.isEmpty(), o.toString());
            assertTrue(seen.add(o.path("kind").asText() + "/" + name), "duplicate " + o.path("kind") + "/" + name);
        }
        assertEquals(Set.copyOf(SERVICES), names(ofKind(objects, "Deployment")));
        assertEquals(Set.copyOf(SERVICES), names(ofKind(objects, "Service")));
        assertEquals(Set.of("patron-db", "membership-db", "auth-db", "numberseries-db", "notification-db"),
                names(ofKind(objects, "Cluster")));
        assertEquals(RouteTable.fromTsv(root.resolve("gateway/routes.tsv")), RouteTable.fromHttpRoutes(objects),
                "the " + overlay + " overlay must keep the gateway's routes");
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            JsonNode password = null;
            for (JsonNode env : container.path("env")) {
                if ("DB_PASSWORD".equals(env.path("name").asText())) {
                    password = env;
                }
            }
            assertTrue(password != null && password.path("valueFrom").has("secretKeyRef"),
                    deployment.path("metadata").path("name") + ": DB_PASSWORD must come from a Secret");
            assertEquals("/deployments/config", container.path("volumeMounts").get(0).path("mountPath").asText());
            assertTrue(container.path("readinessProbe").path("httpGet").path("path").asText().equals("/q/health/ready"));
        }
    }

    @Test
    void prodScalesProtectsAndIsolatesServicesAndCommitsNoSecretValues() {
        List<JsonNode> objects = build("prod");
        assertEquals(Set.copyOf(SERVICES), names(ofKind(objects, "HorizontalPodAutoscaler")));
        assertEquals(Set.copyOf(SERVICES), names(ofKind(objects, "PodDisruptionBudget")));
        assertTrue(names(ofKind(objects, "NetworkPolicy")).contains("default-deny-ingress"));
        assertTrue(ofKind(objects, "Secret").isEmpty(), "prod must reference Secrets, never carry their values");
        for (JsonNode cluster : ofKind(objects, "Cluster")) {
            assertEquals(3, cluster.path("spec").path("instances").asInt());
            assertEquals(cluster.path("metadata").path("name").asText(),
                    cluster.path("spec").path("bootstrap").path("initdb").path("secret").path("name").asText());
        }
        JsonNode gateway = ofKind(objects, "Gateway").get(0);
        assertTrue(gateway.toString().contains("api-bibliotekkortet-tls"), "prod gateway terminates TLS");
        objects.forEach(o -> assertEquals("bibliotekkortet",
                o.path("kind").asText().equals("Namespace") ? o.path("metadata").path("name").asText()
                        : o.path("metadata").path("namespace").asText(), o.path("kind") + " namespace"));
    }
}
