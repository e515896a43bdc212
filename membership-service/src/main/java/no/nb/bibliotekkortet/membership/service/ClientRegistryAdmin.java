package no.nb.bibliotekkortet.membership.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.ClientEntry;
import no.nb.bibliotekkortet.common.security.ClientKind;
import no.nb.bibliotekkortet.common.security.FileClientRegistry;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.membership.repository.ClientRepository;
import no.nb.bibliotekkortet.membership.repository.ClientRow;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The client registry table (ARCHITECTURE.md, "Who may act for which library"): seeded from the
 * committed file ({@code register.client-registry.file}) when empty; created, changed and deactivated
 * by NB's back office.
 */
@ApplicationScoped
public class ClientRegistryAdmin {

    private static final Logger LOG = Logger.getLogger(ClientRegistryAdmin.class);

    private final ClientRepository clients;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String seedFile;

    public ClientRegistryAdmin(ClientRepository clients, ObjectMapper mapper, Clock clock,
                               @ConfigProperty(name = "register.client-registry.file") String seedFile) {
        this.clients = clients;
        this.mapper = mapper;
        this.clock = clock;
        this.seedFile = seedFile;
    }

    @Transactional
    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (clients.count() > 0) {
            return;
        }
        Map<String, ClientEntry> seed = FileClientRegistry.load(mapper, seedFile);
        seed.values().forEach(e -> {
            ClientRow row = new ClientRow();
            row.clientId = e.clientId();
            row.copyFrom(e);
            row.updatedAt = Instant.now(clock);
            clients.persist(row);
        });
        LOG.infof("Client registry seeded with %d entries", seed.size());
    }

    /** Every entry, ordered by client id. */
    public List<ClientEntry> all() {
        return clients.listAll().stream().map(ClientRow::toEntry)
                .sorted(java.util.Comparator.comparing(ClientEntry::clientId)).toList();
    }

    /**
     * One entry (active or not).
     *
     * @throws ProblemException 404 {@code client-not-found}
     */
    public ClientEntry get(String clientId) {
        return clients.findByIdOptional(clientId).map(ClientRow::toEntry).orElseThrow(() -> notFound(clientId));
    }

    /**
     * Creates an entry.
     *
     * @throws ProblemException 400 invalid library numbers / partner id; 409 {@code client-exists}
     */
    @Transactional
    public ClientEntry create(ClientEntry entry) {
        validate(entry);
        if (clients.findByIdOptional(entry.clientId()).isPresent()) {
            throw ProblemException.conflict("client-exists", "The client exists", "Client " + entry.clientId() + " is already registered");
        }
        ClientRow row = new ClientRow();
        row.clientId = entry.clientId();
        row.copyFrom(entry);
        row.updatedAt = Instant.now(clock);
        clients.persist(row);
        return row.toEntry();
    }

    /**
     * Replaces an entry's kind, name, library numbers, partner id and active flag.
     *
     * @throws ProblemException 400 invalid values; 404 unknown client
     */
    @Transactional
    public ClientEntry change(ClientEntry entry) {
        validate(entry);
        ClientRow row = clients.findByIdOptional(entry.clientId()).orElseThrow(() -> notFound(entry.clientId()));
        row.copyFrom(entry);
        row.updatedAt = Instant.now(clock);
        return row.toEntry();
    }

    /**
     * Deactivates an entry: the client's next call is refused (403) here at once, in other services after
     * their cache time.
     *
     * @throws ProblemException 404 unknown client
     */
    @Transactional
    public ClientEntry deactivate(String clientId) {
        ClientRow row = clients.findByIdOptional(clientId).orElseThrow(() -> notFound(clientId));
        row.active = false;
        row.updatedAt = Instant.now(clock);
        return row.toEntry();
    }

    private static void validate(ClientEntry e) {
        for (String n : e.libraryNumbers()) {
            LibraryAccess.requireWellFormed(n, "libraryNumbers");
        }
        if (e.kind() == ClientKind.PARTNER && (e.partnerId() == null || e.partnerId().isBlank())) {
            throw ProblemException.badRequest("partnerId", "required for PARTNER", "A partner client needs a partner id");
        }
        if ((e.kind() == ClientKind.LIBRARY_SYSTEM || e.kind() == ClientKind.DOOR_SYSTEM) && e.libraryNumbers().isEmpty()) {
            throw ProblemException.badRequest("libraryNumbers", "at least one", "A library or door system acts for at least one library");
        }
    }

    private static ProblemException notFound(String clientId) {
        return ProblemException.notFound("client-not-found", "No client registry entry for " + clientId);
    }
}
