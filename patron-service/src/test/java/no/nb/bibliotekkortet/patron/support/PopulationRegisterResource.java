package no.nb.bibliotekkortet.patron.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import no.nb.bibliotekkortet.localedge.PopulationRegisterStub;

/**
 * Starts local-edge's population register stand-in in the test JVM (any free port) and points patron-service at
 * it, with the coupling switched on. Tests load persons and append events through {@link #stub()}.
 */
public class PopulationRegisterResource implements QuarkusTestResourceLifecycleManager {

    private static volatile PopulationRegisterStub stub;

    /** The running stand-in. */
    public static PopulationRegisterStub stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        try {
            stub = PopulationRegisterStub.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("register.services.population-register.url", stub.url(), "register.population.enabled", "true");
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.stop();
        }
    }
}
