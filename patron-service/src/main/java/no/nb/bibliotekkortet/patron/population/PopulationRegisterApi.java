package no.nb.bibliotekkortet.patron.population;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The population register's "offentlig med hjemmel" API as far as patron-service uses it
 * (docs/population-register.md), called with a Maskinporten token of the named OIDC client
 * {@code population-register} (its own scope). Identity numbers travel only in POST bodies.
 */
@RegisterRestClient(configKey = "population-register")
@OidcClientFilter("population-register")
@Path("/folkeregisteret/offentlig-med-hjemmel/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface PopulationRegisterApi {

    /** {@code {"foedselsEllerDNummer": [...]}}. */
    record BulkLookup(List<String> foedselsEllerDNummer) {
        @Override
        public String toString() {
            return "BulkLookup[" + foedselsEllerDNummer.size() + " numbers]";
        }
    }

    /** → {@code {"oppslag": [{"foedselsEllerDNummer", "folkeregisterperson": {person document}}]}} (found ones only). */
    @POST
    @Path("personer/bulkoppslag")
    JsonNode bulkLookup(@QueryParam("part") List<String> parts, BulkLookup body);

    /** → JSON array of events with {@code sekvensnummer >= seq}, oldest first, at most {@code antall}. */
    @GET
    @Path("hendelser/feed")
    JsonNode feed(@QueryParam("seq") long seq, @QueryParam("antall") int antall);

    /** → {@code {"sekvensnummer": n}}: the register's latest event. */
    @GET
    @Path("hendelser/feed/siste")
    JsonNode latest();
}
