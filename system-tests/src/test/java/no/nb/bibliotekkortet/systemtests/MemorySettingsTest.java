package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Overlays.build;
import static no.nb.bibliotekkortet.systemtests.support.Overlays.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17, memory that fits (offline, {@code kubectl kustomize}): every service's container limit holds what
 * scripts/memory-benchmark.sh measured (README, "Memory") with the documented headroom, and the heap the manifests give
 * (limit × {@code JAVA_MAX_MEM_RATIO}) is the heap that was measured ({@code -Xmx256m} in scripts/run.sh), so a limit
 * changed without its ratio, or a ratio without its limit, fails here.
 */
class MemorySettingsTest {

    /** The heap every service ran with while measured (scripts/run.sh). */
    static final int MEASURED_HEAP_MIB = 256;

    /**
     * Peak RSS (VmHWM) per service over the whole benchmark (idle, 20 registrations, 10 000 partner verifications at 16
     * clients, 30 000 card-number lookups over 1 000 000 patrons at 16 clients), measured on 2026-12-06 with
     * scripts/memory-benchmark.sh (README, "Memory"), rounded up to whole MiB.
     */
    static final Map<String, Integer> MEASURED_PEAK_MIB = Map.of(
            "patron-service", 401,
            "membership-service", 377,
            "auth-service", 422,
            "numberseries-service", 261,
            "notification-service", 279);

    /** Headroom of the limit over the measured peak. */
    static final double HEADROOM = 1.2;

    private static int mebibytes(String quantity) {
        if (quantity.endsWith("Mi")) {
            return Integer.parseInt(quantity.substring(0, quantity.length() - 2));
        }
        if (quantity.endsWith("Gi")) {
            return Integer.parseInt(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        throw new AssertionError("memory quantity " + quantity + " is not in Mi or Gi");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "test", "prod"})
    void everyLimitHoldsTheMeasuredPeakWithHeadroomAndTheHeapIsTheMeasuredOne(String overlay) {
        int seen = 0;
        for (JsonNode deployment : ofKind(build(overlay), "Deployment")) {
            String service = deployment.path("metadata").path("name").asText();
            if (!MEASURED_PEAK_MIB.containsKey(service)) {
                continue;
            }
            seen++;
            String where = overlay + "/" + service;
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            int limit = mebibytes(container.path("resources").path("limits").path("memory").asText());
            int request = mebibytes(container.path("resources").path("requests").path("memory").asText());
            Map<String, String> env = new HashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            int ratio = Integer.parseInt(env.getOrDefault("JAVA_MAX_MEM_RATIO", "0"));
            double heap = limit * ratio / 100.0;
            int peak = MEASURED_PEAK_MIB.get(service);

            assertTrue(limit >= peak * HEADROOM, where + ": limit " + limit + " Mi is below the measured peak " + peak
                    + " MiB + " + Math.round((HEADROOM - 1) * 100) + " %");
            assertTrue(heap > MEASURED_HEAP_MIB - 16 && heap <= MEASURED_HEAP_MIB, where + ": heap " + heap + " MiB (" + ratio
                    + " % of " + limit + " Mi) is not the measured " + MEASURED_HEAP_MIB + " MiB");
            assertTrue(request <= limit && request >= peak * 0.9, where + ": request " + request
                    + " Mi should be about what the service holds after load (peak " + peak + " MiB) and at most the limit");
            assertEquals("2", env.get("MALLOC_ARENA_MAX"), where + ": MALLOC_ARENA_MAX bounds native memory as measured");
        }
        assertEquals(MEASURED_PEAK_MIB.size(), seen, overlay + ": a Deployment per measured service");
    }

    @org.junit.jupiter.api.Test
    void theLocalSuiteRunsTheHeapThatWasMeasured() throws IOException {
        String run = Files.readString(ProjectFiles.root().resolve("scripts/run.sh"));
        assertTrue(run.contains("-Xmx" + MEASURED_HEAP_MIB + "m"), "scripts/run.sh must start the services with -Xmx"
                + MEASURED_HEAP_MIB + "m, the heap the limits were measured with");
        assertTrue(run.contains("MALLOC_ARENA_MAX=2"), "scripts/run.sh must bound malloc arenas as the images do");
    }
}
