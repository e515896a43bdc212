package no.nb.bibliotekkortet.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import no.nb.bibliotekkortet.systemtests.support.Commands;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import org.junit.jupiter.api.Test;

/**
 * The alert rules in k8s/components/monitoring (offline): {@code promtool check rules} and {@code promtool test rules}
 * pass (scripts/prometheus.sh check), every alert has a severity, summary, description and a runbook link, and the
 * runbook exists (docs/observability.md).
 */
class PrometheusRulesTest {

    private final Path root = ProjectFiles.root();

    @Test
    void promtoolChecksAndUnitTestsTheRules() {
        Commands.Result result = Commands.run(Map.of(), "scripts/prometheus.sh", "check");
        assertEquals(0, result.exitCode(), "scripts/prometheus.sh check failed:\n" + result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    @Test
    void everyAlertHasSeveritySummaryAndARunbookThatExists() throws IOException {
        JsonNode rule = new ObjectMapper(new YAMLFactory())
                .readTree(root.resolve("k8s/components/monitoring/prometheusrules.yaml").toFile());
        int alerts = 0;
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode r : group.path("rules")) {
                if (!r.has("alert")) {
                    continue;
                }
                alerts++;
                String name = r.path("alert").asText();
                assertTrue(r.path("labels").path("severity").asText().matches("critical|warning"), name + ": severity");
                assertTrue(!r.path("annotations").path("summary").asText().isBlank(), name + ": summary");
                assertTrue(!r.path("annotations").path("description").asText().isBlank(), name + ": description");
                String runbook = r.path("annotations").path("runbook_url").asText();
                assertTrue(runbook.endsWith("/docs/runbooks/" + name + ".md"), name + ": runbook_url " + runbook);
                assertTrue(Files.isRegularFile(root.resolve("docs/runbooks/" + name + ".md")), name + ": runbook missing");
                String observability = Files.readString(root.resolve("docs/observability.md"));
                assertTrue(observability.contains(name), name + " is not listed in docs/observability.md");
            }
        }
        assertTrue(alerts >= 17, "alerts: " + alerts);
    }
}
