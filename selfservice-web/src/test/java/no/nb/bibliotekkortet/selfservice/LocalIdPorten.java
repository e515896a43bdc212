package no.nb.bibliotekkortet.selfservice;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import no.nb.bibliotekkortet.testsupport.MockOAuth2Server;

/** The real local ID-porten (mock-oauth2-server process with config/mock-oauth2.json) for the site's tests. */
public class LocalIdPorten implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String base = MockOAuth2Server.get().baseUrl();
        return Map.of("quarkus.oidc.auth-server-url", base + "/idporten", "selfservice.idp-origin", base,
                "selfservice.api-url", "http://127.0.0.1:9");
    }

    @Override
    public void stop() {
    }
}
