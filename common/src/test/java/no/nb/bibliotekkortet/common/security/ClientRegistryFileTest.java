package no.nb.bibliotekkortet.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed client registry (config/clients.json) and the mock OAuth2 server's clients
 * (config/mock-oauth2.json) describe the same organisations: every registry client gets Maskinporten
 * tokens with its own organisation number, and the mock knows no client the registry lacks except the
 * deliberately unregistered test client.
 */
class ClientRegistryFileTest {

    private static final Path CONFIG = Path.of("..", "config");
    private static final Set<String> DELIBERATELY_UNREGISTERED = Set.of("unregistered-system");

    @Test
    void registryAndMockServerAgree() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, ClientEntry> registry = FileClientRegistry.load(mapper, CONFIG.resolve("clients.json").toString());
        JsonNode registryFile = mapper.readTree(CONFIG.resolve("clients.json").toFile());
        Map<String, String> orgNumbers = new HashMap<>();
        registryFile.path("clients").forEach(c -> orgNumbers.put(c.path("clientId").asText(), c.path("orgNumber").asText()));

        JsonNode mock = mapper.readTree(CONFIG.resolve("mock-oauth2.json").toFile());
        Map<String, String> mockConsumers = new HashMap<>();
        for (JsonNode callback : mock.path("tokenCallbacks")) {
            if (!"maskinporten".equals(callback.path("issuerId").asText())) {
                continue;
            }
            for (JsonNode mapping : callback.path("requestMappings")) {
                if ("client_id".equals(mapping.path("requestParam").asText())) {
                    mockConsumers.put(mapping.path("match").asText(), mapping.path("claims").path("consumer").path("ID").asText());
                }
            }
        }
        for (ClientEntry entry : registry.values()) {
            assertTrue(mockConsumers.containsKey(entry.clientId()), "mock lacks client " + entry.clientId());
            assertEquals("0192:" + orgNumbers.get(entry.clientId()), mockConsumers.get(entry.clientId()),
                    "organisation number of " + entry.clientId());
        }
        for (String clientId : mockConsumers.keySet()) {
            assertTrue(registry.containsKey(clientId) || DELIBERATELY_UNREGISTERED.contains(clientId),
                    "registry lacks mock client " + clientId);
        }
        assertFalse(registry.containsKey("unregistered-system"));
    }

    @Test
    void libraryClientsActOnlyForTheirLibraries() {
        ClientEntry oslo = new ClientEntry("c", ClientKind.LIBRARY_SYSTEM, "n", Set.of("2030000"), null, true);
        assertTrue(oslo.mayActFor("2030000"));
        assertFalse(oslo.mayActFor("2120100"));
        ClientEntry inactive = new ClientEntry("c", ClientKind.LIBRARY_SYSTEM, "n", Set.of("2030000"), null, false);
        assertFalse(inactive.mayActFor("2030000"));
        ClientEntry admin = new ClientEntry("nb", ClientKind.ADMIN, "n", Set.of(), null, true);
        assertTrue(admin.mayActFor("2120100"));
    }
}
