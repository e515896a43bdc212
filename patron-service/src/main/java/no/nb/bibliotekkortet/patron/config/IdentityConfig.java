package no.nb.bibliotekkortet.patron.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the identity-number rules from configuration ({@code register.allow-test-identities}, {@code register.identity.rule-2032}). */
@ApplicationScoped
public class IdentityConfig {

    @Produces
    @Singleton
    IdentityNumbers identityNumbers(@ConfigProperty(name = "register.allow-test-identities", defaultValue = "false") boolean allowTest,
                                    @ConfigProperty(name = "register.identity.rule-2032", defaultValue = "false") boolean rule2032) {
        return new IdentityNumbers(allowTest, rule2032);
    }
}
