package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import no.nb.bibliotekkortet.client.ApiClient;
import no.nb.bibliotekkortet.client.ApiException;
import no.nb.bibliotekkortet.client.api.ChangeFeedResourceApi;
import no.nb.bibliotekkortet.client.api.PatronResourceApi;
import no.nb.bibliotekkortet.client.api.SeriesResourceApi;
import no.nb.bibliotekkortet.client.model.AddressInput;
import no.nb.bibliotekkortet.client.model.Change;
import no.nb.bibliotekkortet.client.model.Channel;
import no.nb.bibliotekkortet.client.model.FullView;
import no.nb.bibliotekkortet.client.model.OrderRequest;
import no.nb.bibliotekkortet.client.model.Page;
import no.nb.bibliotekkortet.client.model.PhonesInput;
import no.nb.bibliotekkortet.client.model.RegistrationRequest;
import no.nb.bibliotekkortet.client.model.SeriesView;
import no.nb.bibliotekkortet.client.model.UpdateRequest;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: a library system built from the contract alone. The Java client openapi-generator makes from the public
 * document the gateway serves (system-tests' pom) orders card numbers, registers a patron, looks the patron up,
 * changes the e-mail address and finds the change in the feed — the whole scenario through the generated client.
 */
@RunningSuite
class GeneratedClientScenarioTest {

    private static final String LIBRARY = "2030000";

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(Suite.gatewayUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    /** As a client of the register should: retry a 503 (a cold service right after start) a few times. */
    private static <T> T retrying503(Callable<T> call) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (ApiException e) {
                if (e.getCode() != 503 || attempt == 3) {
                    throw e;
                }
                Thread.sleep(2000);
            }
        }
    }

    @Test
    void registerLookUpUpdateAndSyncThroughTheGeneratedClient() throws Exception {
        ApiClient client = client(maskinporten("library-system-2030000", "series", "patrons.write", "patrons.read"));
        SeriesView series = new SeriesResourceApi(client).order(LIBRARY, new OrderRequest().count(10));
        String card = series.getFirst();
        assertTrue(card.matches("N[0-9]{9}"), card);

        PatronResourceApi patrons = new PatronResourceApi(client);
        RegistrationRequest registration = new RegistrationRequest()
                .identityNumber(SyntheticIdentityNumbers.next()).givenNames("Kari").surname("Nordmann")
                .permanentAddress(new AddressInput().streetLines(List.of("Storgata 1")).postcode("0150").place("Oslo"))
                .email("client-" + UUID.randomUUID().toString().substring(0, 8) + "@example.no")
                .phones(new PhonesInput().mobile("41234567")).preferredChannel(Channel.EMAIL).language("nb")
                .pin("4827").cardNumber(card);
        FullView registered = retrying503(() -> patrons.postPatrons(LIBRARY, registration));
        assertEquals(card, registered.getCards().get(0).getCardNumber());

        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>) patrons.byCardNumber(card, LIBRARY);
        String patronId = (String) found.get("patronId");
        assertNotNull(patronId, found.toString());

        String newEmail = "changed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.no";
        FullView updated = patrons.update(card, LIBRARY, new UpdateRequest().email(newEmail));
        assertEquals(newEmail, updated.getEmail());

        ChangeFeedResourceApi feed = new ChangeFeedResourceApi(client);
        Change seen = null;
        for (int attempt = 0; attempt < 100 && seen == null; attempt++) {
            if (attempt > 0) {
                Thread.sleep(300);
            }
            String after = null;
            for (int page = 0; page < 1000 && seen == null; page++) {
                Page p = feed.changes(LIBRARY, after, "1000", "false");
                seen = p.getChanges().stream().filter(c -> patronId.equals(String.valueOf(c.getPatronId()))
                        && "UPDATED".equals(c.getKind()) && c.getFields() != null && c.getFields().contains("email"))
                        .findFirst().orElse(null);
                after = p.getNext();
                if (!Boolean.TRUE.equals(p.getMore())) {
                    break;
                }
            }
        }
        assertNotNull(seen, "the e-mail change in the library's feed");
        assertEquals(LIBRARY, seen.getChangedBy());
    }
}
