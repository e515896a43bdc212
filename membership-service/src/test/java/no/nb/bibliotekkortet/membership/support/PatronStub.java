package no.nb.bibliotekkortet.membership.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;

/**
 * patron-service's resolve contract as a real HTTP stub: {@code POST /internal/v1/patrons/resolve}
 * {cardNumber | identityNumber} → 200 {patronId, state, birthDate, birthDateSource} for a known key, 404
 * otherwise. Tests register patrons with fresh card numbers and identity numbers.
 */
public final class PatronStub {

    /** A patron known to the stub. */
    public record Patron(String patronId, String cardNumber, String identityNumber) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> BY_KEY = new ConcurrentHashMap<>();

    private PatronStub() {
    }

    /** Installs the handler (idempotent). */
    public static RecordingServer install() {
        RecordingServer server = EdgeStubResource.server("patron-service");
        server.answer("/internal/v1/patrons/resolve", r -> {
            try {
                JsonNode body = JSON.readTree(r.body());
                String key = body.hasNonNull("cardNumber") ? body.get("cardNumber").asText() : body.path("identityNumber").asText();
                String id = BY_KEY.get(key);
                return id == null ? new RecordingServer.Answer(404, "{\"status\":404}")
                        : new RecordingServer.Answer(200, "{\"patronId\":\"" + id
                                + "\",\"state\":\"ACTIVE\",\"birthDate\":\"1985-03-15\",\"birthDateSource\":\"IDENTITY_NUMBER\"}");
            } catch (java.io.IOException e) {
                return new RecordingServer.Answer(400, null);
            }
        });
        return server;
    }

    /** A fresh patron with a card number and an identity number the stub resolves. */
    public static Patron newPatron() {
        String id = "p-" + UUID.randomUUID();
        String card = String.format("N%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
        String pid = String.format("%011d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 99_999_999_999L));
        BY_KEY.put(card, id);
        BY_KEY.put(pid, id);
        return new Patron(id, card, pid);
    }
}
