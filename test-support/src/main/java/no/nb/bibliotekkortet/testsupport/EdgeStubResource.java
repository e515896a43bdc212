package no.nb.bibliotekkortet.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts one {@link RecordingServer} per named destination (init arg {@code destinations}, comma
 * separated, e.g. {@code numberseries-service,notification-service}) and points
 * {@code register.services.<name>.url} at it, so the service under test talks to real HTTP stubs of the
 * services it calls. Tests reach a stub with {@link #server(String)}.
 */
public class EdgeStubResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, RecordingServer> SERVERS = new ConcurrentHashMap<>();
    private String[] destinations = new String[0];

    /** The stub standing in for {@code destination}. */
    public static RecordingServer server(String destination) {
        RecordingServer server = SERVERS.get(destination);
        if (server == null) {
            throw new IllegalStateException("No stub for " + destination + "; list it in the destinations init arg");
        }
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        String list = initArgs.getOrDefault("destinations", "");
        destinations = list.isBlank() ? new String[0] : list.split(",");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String destination : destinations) {
            RecordingServer server = SERVERS.computeIfAbsent(destination.trim(), d -> new RecordingServer());
            config.put("register.services." + destination.trim() + ".url", server.url());
        }
        return config;
    }

    @Override
    public void stop() {
        for (String destination : destinations) {
            RecordingServer server = SERVERS.remove(destination.trim());
            if (server != null) {
                server.close();
            }
        }
    }
}
