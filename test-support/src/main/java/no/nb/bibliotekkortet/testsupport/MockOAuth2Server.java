package no.nb.bibliotekkortet.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * NAV's mock-oauth2-server as a real separate process (the local ID-porten and Maskinporten), started
 * from {@code mock-oauth2/target/lib} with the committed {@code config/mock-oauth2.json}. One per test
 * JVM; stopped by a shutdown hook. Build the mock first ({@code ./mvnw -pl mock-oauth2 package}).
 */
public final class MockOAuth2Server {

    private static MockOAuth2Server instance;

    private final Process process;
    private final String baseUrl;

    private MockOAuth2Server(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * The running server of this JVM, started on a free port on first use. When the environment
     * variable {@code MOCK_OAUTH2_URL} is set, that server is used instead.
     *
     * @throws IllegalStateException when the server cannot be started within 60 s
     */
    public static synchronized MockOAuth2Server get() {
        if (instance == null) {
            String external = System.getenv("MOCK_OAUTH2_URL");
            instance = external != null ? new MockOAuth2Server(null, external) : start();
        }
        return instance;
    }

    /** Base URL, e.g. {@code http://localhost:41234}; issuers are {@code <base>/maskinporten} and {@code <base>/idporten}. */
    public String baseUrl() {
        return baseUrl;
    }

    public String issuer(String issuerId) {
        return baseUrl + "/" + issuerId;
    }

    private static MockOAuth2Server start() {
        Path root = ProjectFiles.root();
        Path lib = root.resolve("mock-oauth2/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("Missing " + lib + ": build it with ./mvnw -pl mock-oauth2 package");
        }
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-cp", lib + "/*",
                "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt");
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("JSON_CONFIG_PATH", root.resolve("config/mock-oauth2.json").toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(root.resolve("mock-oauth2/target/mock-oauth2-test-" + port + ".log").toFile());
        try {
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            String baseUrl = "http://localhost:" + port;
            awaitReady(baseUrl + "/maskinporten/.well-known/openid-configuration", process);
            return new MockOAuth2Server(process, baseUrl);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the mock OAuth2 server", e);
        }
    }

    private static void awaitReady(String url, Process process) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The mock OAuth2 server exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The mock OAuth2 server did not answer within 60 s at " + url);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
