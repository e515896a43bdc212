package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Overlays.build;
import static no.nb.bibliotekkortet.systemtests.support.Overlays.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import no.nb.bibliotekkortet.systemtests.support.ServiceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kustomize overlay (offline, {@code kubectl kustomize}) is deployable as written (issue 17): every setting
 * each service reads in production resolves from its Deployment's environment (ConfigMaps and Secrets of the
 * overlay) and none points at a developer's machine; every container is named by version, pulled
 * {@code IfNotPresent}, has requests, limits and probes, runs hardened (restricted Pod Security Standard) and rolls
 * out without losing capacity; every Secret an overlay references is listed in docs/operations.md; prod backs up
 * every database.
 */
class DeployableManifestsTest {

    private static final Pattern RELEASE_TAG = Pattern.compile(":(\\d+\\.\\d+\\.\\d+)$");
    private static final Pattern VERSION_TAG = Pattern.compile(":(\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?)$");
    private static final Pattern DOCUMENTED_SECRET = Pattern.compile("^\\| `([a-z0-9-]+)` \\|", Pattern.MULTILINE);

    private final java.nio.file.Path root = ProjectFiles.root();



    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** The container's environment as the service sees it; values from Secrets are placeholders. */
    private static Map<String, String> environment(JsonNode container, List<JsonNode> objects, String where) {
        Map<String, Map<String, String>> configMaps = new HashMap<>();
        for (JsonNode cm : ofKind(objects, "ConfigMap")) {
            Map<String, String> data = new HashMap<>();
            cm.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
            configMaps.put(name(cm), data);
        }
        Map<String, String> env = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                String cm = from.path("configMapRef").path("name").asText();
                assertTrue(configMaps.containsKey(cm), where + ": envFrom ConfigMap " + cm + " is not in the overlay");
                env.putAll(configMaps.get(cm));
            }
        }
        for (JsonNode e : container.path("env")) {
            String var = e.path("name").asText();
            JsonNode valueFrom = e.path("valueFrom");
            if (e.has("value")) {
                env.put(var, e.path("value").asText());
            } else if (valueFrom.has("secretKeyRef")) {
                env.put(var, "<secret " + valueFrom.path("secretKeyRef").path("name").asText() + ">");
            } else if (valueFrom.has("configMapKeyRef")) {
                String cm = valueFrom.path("configMapKeyRef").path("name").asText();
                String key = valueFrom.path("configMapKeyRef").path("key").asText();
                assertTrue(configMaps.getOrDefault(cm, Map.of()).containsKey(key), where + ": " + var + " from " + cm + "/" + key);
                env.put(var, configMaps.get(cm).get(key));
            } else if (valueFrom.has("fieldRef")) {
                env.put(var, "<field>");
            }
        }
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "test", "prod"})
    void everySettingEveryServiceReadsInProductionIsSetByItsDeployment(String overlay) {
        List<JsonNode> objects = build(overlay);
        List<String> problems = new ArrayList<>();
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            String service = name(deployment);
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            ServiceSettings settings = ServiceSettings.of(root, service, environment(container, objects, overlay + "/" + service));
            settings.problems().forEach(p -> problems.add(service + ": " + p.property() + " " + p.reason()));
        }
        assertTrue(problems.isEmpty(), overlay + " overlay: settings a service needs are missing from its Deployment:\n  "
                + String.join("\n  ", problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "test", "prod"})
    void everyPodIsVersionedBoundedProbedHardenedAndRollsOutWithoutLosingCapacity(String overlay) {
        List<JsonNode> objects = build(overlay);
        boolean release = !overlay.equals("local");
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            String where = overlay + "/" + name(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode strategy = deployment.path("spec").path("strategy");
            assertEquals("RollingUpdate", strategy.path("type").asText(), where);
            JsonNode maxUnavailable = strategy.path("rollingUpdate").path("maxUnavailable");
            assertTrue(maxUnavailable.isInt() ? maxUnavailable.asInt() == 0 : maxUnavailable.asText().equals("0%"),
                    where + ": maxUnavailable must be 0 (a string only as a percentage), not " + maxUnavailable);
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), where + " runAsNonRoot");
            assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(), where);
            Set<String> spreadOver = new TreeSet<>();
            pod.path("topologySpreadConstraints").forEach(c -> spreadOver.add(c.path("topologyKey").asText()));
            assertEquals(Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"), spreadOver, where + " spread");
            Map<String, JsonNode> volumes = new HashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            for (JsonNode container : pod.path("containers")) {
                String image = container.path("image").asText();
                assertTrue((release ? RELEASE_TAG : VERSION_TAG).matcher(image).find(),
                        where + ": image " + image + " must name a " + (release ? "release " : "") + "version");
                assertEquals("IfNotPresent", container.path("imagePullPolicy").asText(), where + " imagePullPolicy");
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertTrue(container.path("resources").path(kind).hasNonNull(resource), where + " " + kind + "." + resource);
                    }
                }
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    assertTrue(container.path(probe).path("httpGet").has("path"), where + " " + probe);
                }
                JsonNode startup = container.path("startupProbe");
                int startBudget = startup.path("initialDelaySeconds").asInt()
                        + startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3);
                assertTrue(startBudget >= 180, where + ": a cold JVM on a busy node gets only " + startBudget + " s to start");
                JsonNode sc = container.path("securityContext");
                assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), where + " allowPrivilegeEscalation");
                assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), where + " readOnlyRootFilesystem");
                assertEquals("[\"ALL\"]", sc.path("capabilities").path("drop").toString(), where + " capabilities");
                boolean tmpIsEmptyDir = false;
                for (JsonNode mount : container.path("volumeMounts")) {
                    tmpIsEmptyDir |= mount.path("mountPath").asText().equals("/tmp")
                            && volumes.getOrDefault(mount.path("name").asText(), container).has("emptyDir");
                }
                assertTrue(tmpIsEmptyDir, where + ": /tmp must be a writable emptyDir");
                Map<String, String> env = environment(container, objects, where);
                assertEquals("2", env.get("MALLOC_ARENA_MAX"), where + " MALLOC_ARENA_MAX");
                ServiceSettings settings = ServiceSettings.of(root, name(deployment), env);
                Duration shutdown = Duration.parse("PT" + settings.value("quarkus.shutdown.delay").orElse("0s"))
                        .plus(Duration.parse("PT" + settings.value("quarkus.shutdown.timeout").orElse("0s")));
                assertTrue(pod.path("terminationGracePeriodSeconds").asLong(30) > shutdown.toSeconds(),
                        where + ": the grace period must outlast readiness-down + in-flight requests (" + shutdown + ")");
            }
        }
        for (JsonNode ns : ofKind(objects, "Namespace")) {
            assertEquals("restricted", ns.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText(),
                    overlay + ": namespace " + name(ns) + " must enforce the restricted Pod Security Standard");
        }
    }

    /** Every Secret name an object refers to (env, envFrom, volumes, CloudNativePG, object stores, Gateway TLS). */
    private static Set<String> referencedSecrets(List<JsonNode> objects) {
        Set<String> names = new TreeSet<>();
        for (JsonNode o : objects) {
            collectSecrets(o, names);
        }
        return names;
    }

    private static void collectSecrets(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                switch (e.getKey()) {
                    case "secretKeyRef", "secretRef" -> names.add(v.path("name").asText());
                    case "secret" -> names.add(v.has("secretName") ? v.path("secretName").asText() : v.path("name").asText());
                    case "accessKeyId", "secretAccessKey", "sessionToken" -> names.add(v.path("name").asText());
                    case "certificateRefs" -> v.forEach(ref -> names.add(ref.path("name").asText()));
                    default -> collectSecrets(v, names);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectSecrets(child, names));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "test", "prod"})
    void everyReferencedSecretIsGeneratedHereOrListedInTheOperationsDocs(String overlay) throws IOException {
        List<JsonNode> objects = build(overlay);
        Set<String> documented = new TreeSet<>();
        Matcher m = DOCUMENTED_SECRET.matcher(Files.readString(root.resolve("docs/operations.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> generated = ofKind(objects, "Secret").stream().map(DeployableManifestsTest::name).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(referencedSecrets(objects));
        missing.removeAll(documented);
        missing.removeAll(generated);
        assertTrue(missing.isEmpty(), overlay + " references Secrets that docs/operations.md (\"Secrets\") does not list: " + missing);
        if (!overlay.equals("local")) {
            assertTrue(generated.isEmpty(), overlay + " must reference Secrets, never carry their values: " + generated);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"test", "prod"})
    void everyDatabaseArchivesItsWalAndIsBackedUpNightlyWithRetention(String overlay) {
        List<JsonNode> objects = build(overlay);
        Map<String, JsonNode> stores = ofKind(objects, "ObjectStore").stream()
                .collect(Collectors.toMap(DeployableManifestsTest::name, o -> o));
        Set<String> scheduled = ofKind(objects, "ScheduledBackup").stream()
                .map(b -> b.path("spec").path("cluster").path("name").asText()).collect(Collectors.toSet());
        Set<String> destinations = new TreeSet<>();
        for (JsonNode cluster : ofKind(objects, "Cluster")) {
            String where = overlay + "/" + name(cluster);
            JsonNode archiver = null;
            for (JsonNode plugin : cluster.path("spec").path("plugins")) {
                if (plugin.path("isWALArchiver").asBoolean()) {
                    archiver = plugin;
                }
            }
            assertTrue(archiver != null, where + " has no WAL archiver");
            JsonNode store = stores.get(archiver.path("parameters").path("barmanObjectName").asText());
            assertTrue(store != null, where + ": its ObjectStore is missing");
            assertTrue(store.path("spec").path("retentionPolicy").asText().matches("\\d+[dwm]"), where + " retention");
            assertTrue(store.path("spec").path("configuration").path("s3Credentials").path("secretAccessKey").has("name"),
                    where + ": object storage credentials from a Secret");
            assertTrue(destinations.add(store.path("spec").path("configuration").path("destinationPath").asText()),
                    where + ": every database needs its own backup location");
            assertTrue(scheduled.contains(name(cluster)), where + " has no ScheduledBackup");
        }
        assertEquals(5, destinations.size());
    }
}
