package no.nb.bibliotekkortet.membership.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import no.nb.bibliotekkortet.testsupport.RecordingServer;

/** What the outbox delivered to a real HTTP stub, as JSON. */
public final class Sent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Sent() {
    }

    /** The bodies the stub received at {@code path} that mention {@code patronId}. */
    public static List<JsonNode> about(RecordingServer server, String path, String patronId) {
        return server.requests(path).stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(n -> n.toString().contains(patronId)).toList();
    }

    /** The {@code library-full-access} notifications (R19) sent to notification-service for this patron. */
    public static List<JsonNode> fullAccessNotices(RecordingServer notifications, String patronId) {
        return about(notifications, "/internal/v1/notifications", patronId).stream()
                .filter(n -> "library-full-access".equals(n.path("template").asText())).toList();
    }
}
