package no.nb.bibliotekkortet.localedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stub over real HTTP: records, lists (body as an escaped JSON string), clears, rejects other paths. */
class SmsProviderStubTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private SmsProviderStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = SmsProviderStub.start(0);
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stub.port() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recordsListsAndClearsMessages() throws Exception {
        HttpResponse<String> posted = send("POST", "/messages", "{\"to\":\"+4791234567\",\"text\":\"Kode: \\\"1234\\\"\"}");
        assertEquals(202, posted.statusCode());
        assertEquals("{\"id\":1}", posted.body());

        HttpResponse<String> listed = send("GET", "/messages", null);
        assertEquals(200, listed.statusCode());
        assertTrue(listed.body().contains("\"body\":\"{\\\"to\\\":\\\"+4791234567\\\",\\\"text\\\":\\\"Kode: \\\\\\\"1234\\\\\\\"\\\"}\""),
                listed.body());

        assertEquals(204, send("DELETE", "/messages", null).statusCode());
        assertEquals("[]", send("GET", "/messages", null).body());
    }

    @Test
    void answersHealthAndRejectsOtherPathsAndMethods() throws Exception {
        assertEquals(200, send("GET", "/health", null).statusCode());
        assertEquals(404, send("GET", "/messages/1", null).statusCode());
        assertEquals(404, send("GET", "/other", null).statusCode());
        assertEquals(405, send("PUT", "/messages", "{}").statusCode());
    }

    @Test
    void rejectsOversizedBodies() throws Exception {
        assertEquals(413, send("POST", "/messages", "x".repeat(SmsProviderStub.MAX_BODY + 1)).statusCode());
        assertEquals("[]", send("GET", "/messages", null).body());
    }

    @Test
    void quotesControlCharacters() {
        assertEquals("\"a\\u0001b\\n\"", SmsProviderStub.quote("a\u0001b\n"));
        assertEquals("null", SmsProviderStub.quote(null));
    }
}
