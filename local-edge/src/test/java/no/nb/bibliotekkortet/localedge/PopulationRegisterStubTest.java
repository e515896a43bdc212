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

/** The population register stand-in over real HTTP: lookups (also by an earlier number), feed paging, test endpoints. */
class PopulationRegisterStubTest {

    private static final String PERSON = """
            {"identifikasjonsnummer":[{"foedselsEllerDNummer":"15038512010","identifikatortype":"foedselsnummer","status":"iBruk","erGjeldende":true},
              {"foedselsEllerDNummer":"61079023050","identifikatortype":"dNummer","status":"opphoert","erGjeldende":false}],
             "navn":[{"fornavn":"KARI","etternavn":"NORDMANN","erGjeldende":true}]}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private PopulationRegisterStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = PopulationRegisterStub.start(0);
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    private HttpResponse<String> send(String method, String path, String body, boolean token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.url() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token) {
            request.header("Authorization", "Bearer a-token-of-some-length");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void looksUpByAnyNumberAndPagesTheFeed() throws Exception {
        String api = PopulationRegisterStub.API;
        assertEquals(401, send("GET", api + "personer/15038512010", null, false).statusCode());
        assertEquals(404, send("GET", api + "personer/15038512010", null, true).statusCode());
        assertEquals(201, send("POST", "/test/hendelser", "{\"hendelsestype\":\"endringINavn\",\"person\":" + PERSON + "}", false).statusCode());
        assertEquals(201, send("POST", "/test/hendelser", "{\"hendelsestype\":\"doedsfall\",\"folkeregisteridentifikator\":\"15038512010\"}", false).statusCode());
        assertTrue(send("GET", api + "personer/61079023050", null, true).body().contains("NORDMANN"));
        HttpResponse<String> bulk = send("POST", api + "personer/bulkoppslag", "{\"foedselsEllerDNummer\":[\"15038512010\",\"24067810208\"]}", true);
        assertEquals(200, bulk.statusCode());
        assertTrue(bulk.body().startsWith("{\"oppslag\":[{\"foedselsEllerDNummer\":\"15038512010\""), bulk.body());
        String page = send("GET", api + "hendelser/feed?seq=2&antall=10", null, true).body();
        assertTrue(page.contains("\"sekvensnummer\":2") && !page.contains("\"sekvensnummer\":1,"), page);
        assertEquals("{\"sekvensnummer\":2}", send("GET", api + "hendelser/feed/siste", null, true).body());
        assertEquals("[]", send("GET", api + "hendelser/feed?seq=3", null, true).body());

        assertEquals(204, send("PUT", "/test/availability", "{\"available\":false}", false).statusCode());
        assertEquals(503, send("GET", api + "hendelser/feed?seq=1", null, true).statusCode());
        assertEquals(204, send("DELETE", "/test", null, false).statusCode());
        assertEquals("[]", send("GET", api + "hendelser/feed?seq=1", null, true).body());
        assertEquals(400, send("POST", "/test/hendelser", "{}", false).statusCode());
    }
}
