package no.nb.bibliotekkortet.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboards and alert rules of k8s/components/monitoring against a real Prometheus that scrapes the running
 * suite with the same rules (scripts/prometheus.sh start, env {@code PROMETHEUS_URL}): every panel query of every
 * dashboard parses and returns series (no "no data" panel while the suite is up), every recording rule has
 * series, and every alert expression parses and names only metrics the services export.
 */
@RunningSuite
class ObservabilityQueriesTest {

    private static final Path MONITORING = ProjectFiles.root().resolve("k8s/components/monitoring");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** PromQL words that are not metric names. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");

    static String prometheus() {
        return System.getenv().getOrDefault("PROMETHEUS_URL", "http://127.0.0.1:9090").replaceAll("/+$", "");
    }

    private static JsonPath query(String promql) {
        JsonPath answer = given().baseUri(prometheus()).queryParam("query", promql).get("/api/v1/query").then()
                .extract().jsonPath();
        assertEquals("success", answer.getString("status"), "query failed: " + promql + "\n" + answer.prettify());
        return answer;
    }

    private static int series(String promql) {
        return query(promql).getList("data.result").size();
    }

    /**
     * Some traffic on every service (4xx included, as on any day), then waits (bounded) until Prometheus has scraped
     * it twice, so that rates over the suite's short history exist.
     */
    @BeforeAll
    static void trafficAndTwoScrapes() throws InterruptedException {
        for (String path : List.of("/api/v1/patrons/N000000001", "/api/v1/libraries", "/api/v1/partners",
                "/api/v1/number-series", "/api/v1/authentications/partner")) {
            Suite.gateway().get(path);
        }
        given().baseUri("http://127.0.0.1:8085").get("/internal/v1/notifications/unknown");
        // a library with a series, so that "numbers left per owner" has an owner on a fresh register
        Suite.gateway(Suite.maskinporten("library-system-2030000", "series")).header("Library-Number", "2030000")
                .body("{\"count\": 10}").post("/api/v1/number-series").then().statusCode(201);
        long deadline = System.currentTimeMillis() + 60_000;
        while (series("http_server_requests_seconds_count{job=\"notification-service\", status=\"401\"}") == 0
                || series("count_over_time(up{job=\"notification-service\"}[1m]) > 5") == 0
                || series("bk:api_errors:ratio_rate5m") == 0
                || series("numberseries_numbers_left{owner=\"2030000\"}") == 0) {
            if (System.currentTimeMillis() > deadline) {
                fail("Prometheus at " + prometheus() + " has not scraped the suite within 60 s");
            }
            Thread.sleep(500);
        }
        Thread.sleep(2_500); // two more scrapes (every 1 s) of the traffic above
    }

    /** Every panel's query, with the dashboard variables as Grafana fills them for the local namespace. */
    static List<String[]> panelQueries() throws IOException {
        List<String[]> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(MONITORING.resolve("dashboards"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                assertTrue(dashboard.path("templating").toString().contains("\"name\":\"namespace\""), file + ": namespace");
                assertTrue(dashboard.path("templating").toString().contains("\"name\":\"instance\""), file + ": instance");
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        String expr = target.path("expr").asText().replace("$namespace", "local")
                                .replace("$instance", ".*").replace("$__rate_interval", "1m");
                        queries.add(new String[] {file.getFileName() + " / " + panel.path("title").asText(), expr});
                    }
                }
            }
        }
        return queries;
    }

    @Test
    void everyDashboardPanelReturnsSeries() throws IOException {
        List<String> empty = new ArrayList<>();
        List<String[]> queries = panelQueries();
        for (String[] q : queries) {
            if (series(q[1]) == 0) {
                empty.add(q[0] + ": " + q[1]);
            }
        }
        assertTrue(queries.size() >= 50, "panel queries: " + queries.size());
        assertTrue(empty.isEmpty(), "panels without data:\n" + String.join("\n", empty));
    }

    @Test
    void everyRecordingRuleHasSeriesAndEveryAlertNamesOnlyExportedMetrics() throws IOException {
        JsonNode rule = new ObjectMapper(new YAMLFactory()).readTree(MONITORING.resolve("prometheusrules.yaml").toFile());
        List<String> problems = new ArrayList<>();
        Set<String> recorded = new LinkedHashSet<>();
        int alerts = 0;
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode r : group.path("rules")) {
                String expr = r.path("expr").asText();
                query(expr); // parses
                if (r.has("record")) {
                    recorded.add(r.path("record").asText());
                    if (series(r.path("record").asText() + "{namespace=\"local\"}") == 0) {
                        problems.add("recording rule " + r.path("record").asText() + " has no series");
                    }
                    continue;
                }
                alerts++;
                for (String metric : metricNames(expr)) {
                    if (!recorded.contains(metric) && series("count(" + metric + "{namespace=\"local\"})") == 0) {
                        problems.add(r.path("alert").asText() + ": no series of " + metric);
                    }
                }
            }
        }
        assertTrue(alerts >= 17, "alerts: " + alerts);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The metric names an expression selects: identifiers outside label matchers, strings and function calls. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(s);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1).toLowerCase()) && !m.group(1).matches("\\d.*")) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
