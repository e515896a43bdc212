package no.nb.bibliotekkortet.patron.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;

/** Builds the identity-number rules from {@link PatronConfig} ({@code register.allow-test-identities}, {@code register.identity.rule-2032}). */
@ApplicationScoped
public class IdentityConfig {

    @Produces
    @Singleton
    IdentityNumbers identityNumbers(PatronConfig config) {
        return new IdentityNumbers(config.allowTestIdentities(), config.identity().rule2032());
    }
}
