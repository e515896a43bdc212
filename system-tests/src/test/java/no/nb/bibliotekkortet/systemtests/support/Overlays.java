package no.nb.bibliotekkortet.systemtests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The kustomize overlays under k8s/overlays, rendered offline with {@code kubectl kustomize} (env {@code KUBECTL}). */
public final class Overlays {

    private Overlays() {
    }

    /** Every object of {@code k8s/overlays/<overlay>}; fails the test when kustomize fails. */
    public static List<JsonNode> build(String overlay) {
        String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
        Commands.Result result = Commands.run(Map.of(), kubectl, "kustomize", "k8s/overlays/" + overlay);
        assertEquals(0, result.exitCode(), "kubectl kustomize k8s/overlays/" + overlay + " failed:\n" + result.output());
        return RouteTable.parseYamlStream(result.output());
    }

    /** The objects of {@code kind}. */
    public static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }
}
