package no.nb.bibliotekkortet.common.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client registry read from a JSON file ({@code register.client-registry.file}; the committed local
 * seed is {@code config/clients.json}, shape {@code {"clients":[{clientId, kind, name, libraryNumbers,
 * partnerId, active}]}}). Read once at start. A service that has a better source provides its own
 * {@link ClientRegistry} bean, which replaces this default.
 */
@DefaultBean
@ApplicationScoped
public class FileClientRegistry implements ClientRegistry {

    private final Map<String, ClientEntry> entries;

    public FileClientRegistry(ObjectMapper mapper,
                              @ConfigProperty(name = "register.client-registry.file") String file) {
        this.entries = load(mapper, file);
    }

    @Override
    public Optional<ClientEntry> find(String clientId) {
        return Optional.ofNullable(clientId).map(entries::get);
    }

    /** Always the answer of {@link #find}: the file is read once at start. */
    @Override
    public Optional<Optional<ClientEntry>> findInMemory(String clientId) {
        return Optional.of(find(clientId));
    }

    /** All entries of the file, keyed by client id. */
    public Map<String, ClientEntry> all() {
        return entries;
    }

    /**
     * Parses a registry file.
     *
     * @throws UncheckedIOException when the file is missing or unreadable
     * @throws IllegalArgumentException when an entry has an unknown kind
     */
    public static Map<String, ClientEntry> load(ObjectMapper mapper, String file) {
        try (InputStream in = open(file)) {
            JsonNode root = mapper.readTree(in);
            Map<String, ClientEntry> result = new HashMap<>();
            for (JsonNode c : root.path("clients")) {
                Set<String> libraries = new HashSet<>();
                c.path("libraryNumbers").forEach(n -> libraries.add(n.asText()));
                ClientEntry entry = new ClientEntry(c.path("clientId").asText(),
                        ClientKind.valueOf(c.path("kind").asText()), c.path("name").asText(null), libraries,
                        c.hasNonNull("partnerId") ? c.get("partnerId").asText() : null,
                        c.path("active").asBoolean(true));
                result.put(entry.clientId(), entry);
            }
            return Map.copyOf(result);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read client registry file " + file, e);
        }
    }

    private static InputStream open(String file) throws IOException {
        if (file.startsWith("classpath:")) {
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(file.substring(10));
            if (in == null) {
                throw new IOException("not on the classpath");
            }
            return in;
        }
        return Files.newInputStream(Path.of(file));
    }
}
