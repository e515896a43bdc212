package no.nb.bibliotekkortet.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The real parts a service test needs, started before Quarkus boots: the service's test database on the
 * local PostgreSQL (init arg {@code database}, e.g. {@code numberseries_test}), the mock OAuth2 server
 * process (issuers {@code /maskinporten} and {@code /idporten}), and the committed client registry file.
 * Use with {@code @QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name =
 * "database", value = "x_test"))} on one test class of the module.
 */
public class RegisterTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (database != null) {
            config.put("quarkus.datasource.jdbc.url", TestDatabase.ensure(database));
            config.put("quarkus.datasource.username", TestDatabase.user());
        }
        MockOAuth2Server oauth = MockOAuth2Server.get();
        config.put("register.oidc.base-url", oauth.baseUrl());
        // auth-service's patron tokens are stood in for by the mock's "patron-test" issuer (same claims).
        config.put("quarkus.oidc.patron.auth-server-url", oauth.issuer("patron-test"));
        config.put("register.client-registry.file", ProjectFiles.root().resolve("config/clients.json").toString());
        return config;
    }

    @Override
    public void stop() {
        // The mock server lives for the whole test JVM (shutdown hook); the database is kept for inspection.
    }
}
