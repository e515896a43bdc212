package no.nb.bibliotekkortet.systemtests;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.systemtests.support.Suite.mailApiUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import org.junit.jupiter.api.Test;

/**
 * The SMTP fault drill (docs/observability.md): with the SMTP sink (GreenMail, started by scripts/run.sh) stopped,
 * notices fail, and the local Prometheus (scripts/prometheus.sh, same rules as production) puts
 * {@code NotificationsFailing} in state pending; with the sink started again, every notice is delivered exactly once.
 * scripts/test.sh gives notification-service a short retry backoff (1 s, at most 4 s) so that this takes seconds;
 * every wait is bounded.
 */
@RunningSuite
class NotificationFaultDrillTest {

    private static final Path PID_FILE = ProjectFiles.root().resolve(".run/greenmail.pid");
    private static final Path LOG_FILE = ProjectFiles.root().resolve(".run/greenmail.log");

    @Test
    void smtpDownPutsTheAlertInPendingAndEveryNoticeArrivesOnceWhenItIsBack() throws Exception {
        List<String> command = greenMailCommand();
        List<String> addresses = new ArrayList<>();
        stopGreenMail();
        try {
            String token = Suite.internal("patron-service");
            for (int i = 0; i < 3; i++) {
                String address = "drill-" + UUID.randomUUID() + "@example.no";
                addresses.add(address);
                given().baseUri("http://127.0.0.1:8085").auth().oauth2(token).contentType(ContentType.JSON)
                        .body("{\"idempotencyKey\":\"drill-" + UUID.randomUUID() + "\",\"recipient\":{\"email\":\"" + address
                                + "\"},\"channel\":\"EMAIL\",\"template\":\"welcome\",\"params\":{\"cardNumber\":\"N000106188\","
                                + "\"homeLibrary\":\"Deichman Bjørvika\"}}")
                        .post("/internal/v1/notifications").then().statusCode(202);
            }
            await("NotificationsFailing pending or firing in Prometheus", 60, () -> !alertStates("NotificationsFailing").isEmpty());
        } finally {
            startGreenMail(command);
        }
        for (String address : addresses) {
            await("the notice to " + address, 60, () -> mails(address) >= 1);
        }
        Thread.sleep(3_000); // a retry that delivered twice would show by now (backoff at most 4 s)
        for (String address : addresses) {
            assertEquals(1, mails(address), "exactly one message to " + address);
        }
    }

    /** States (pending, firing) of the alert in the local Prometheus, for the local namespace. */
    private static List<String> alertStates(String alert) {
        JsonPath alerts = given().baseUri(ObservabilityQueriesTest.prometheus()).get("/api/v1/alerts").then()
                .statusCode(200).extract().jsonPath();
        return alerts.getList("data.alerts.findAll { it.labels.alertname == '" + alert + "' }.state");
    }

    private static int mails(String address) {
        String json = given().get(mailApiUrl() + "/api/user/" + address + "/messages/INBOX").then().extract().asString();
        return json.startsWith("[") ? JsonPath.from(json).getList("$").size() : 0;
    }

    private static long greenMailPid() throws IOException {
        return Long.parseLong(Files.readString(PID_FILE).trim());
    }

    /** The command line scripts/run.sh started GreenMail with (from /proc), to start it again the same way. */
    private static List<String> greenMailCommand() throws IOException {
        String cmdline = Files.readString(Path.of("/proc/" + greenMailPid() + "/cmdline"), StandardCharsets.UTF_8);
        List<String> command = Arrays.asList(cmdline.split("\0"));
        assertTrue(command.stream().anyMatch(a -> a.endsWith("greenmail-standalone.jar")), "not GreenMail: " + command);
        return command;
    }

    private static void stopGreenMail() throws Exception {
        ProcessHandle process = ProcessHandle.of(greenMailPid()).orElseThrow();
        process.destroy();
        process.onExit().get(20, TimeUnit.SECONDS);
    }

    /** Starts GreenMail as run.sh did (output appended to its log, pid in its pid file, so stop.sh stops it). */
    private static void startGreenMail(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(ProjectFiles.root().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(LOG_FILE.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        Files.writeString(PID_FILE, process.pid() + "\n");
        await("GreenMail ready again", 60, () -> {
            try {
                return given().get(mailApiUrl() + "/api/service/readiness").statusCode() == 200;
            } catch (Exception e) { // connection refused until it listens
                return false;
            }
        });
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "not within " + seconds + " s: " + what);
            Thread.sleep(250);
        }
    }
}
