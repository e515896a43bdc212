package no.nb.bibliotekkortet.membership.service;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.Alternative;
import java.util.Optional;
import no.nb.bibliotekkortet.common.security.ClientEntry;
import no.nb.bibliotekkortet.common.security.ClientRegistry;
import no.nb.bibliotekkortet.membership.repository.ClientRepository;
import no.nb.bibliotekkortet.membership.repository.ClientRow;

/**
 * Inside membership-service the registry is the table itself, read on every lookup (no cache), so an
 * admin's change applies to the very next call. As an enabled alternative it replaces both common's
 * file-based default and the remote reader other services use.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class DbClientRegistry implements ClientRegistry {

    private final ClientRepository clients;

    public DbClientRegistry(ClientRepository clients) {
        this.clients = clients;
    }

    /** Also called while a token is authenticated (roles are given per kind), before any request context exists. */
    @Override
    @ActivateRequestContext
    public Optional<ClientEntry> find(String clientId) {
        if (clientId == null) {
            return Optional.empty();
        }
        return clients.findByIdOptional(clientId).map(ClientRow::toEntry);
    }
}
