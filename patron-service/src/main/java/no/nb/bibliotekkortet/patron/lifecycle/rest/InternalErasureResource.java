package no.nb.bibliotekkortet.patron.lifecycle.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.repository.HeldData;
import no.nb.bibliotekkortet.patron.service.PatronInputs;

/** patron-service's erasure-verify contract (ARCHITECTURE.md; R20, R21): scope internal, internal audience. */
@Path("/internal/v1/erasures")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE_INTERNAL)
public class InternalErasureResource {

    /** One person: patron id, base64 keyed identity hash, e-mail, phone; any may be null. */
    public record VerifyItem(UUID patronId, String identityHash, String email, String phone) {
    }

    @Inject
    HeldData held;

    /**
     * {@code POST /internal/v1/erasures/verify} [{patronId?, identityHash?, email?, phone?}] (1..1000).
     *
     * @return 200 {@code {"held": n}}, the rows still holding data about them (0 after erasure); 400 malformed
     */
    @POST
    @Path("verify")
    public Map<String, Long> verify(List<VerifyItem> items) {
        if (items == null || items.isEmpty() || items.size() > 1000) {
            throw ProblemException.badRequest(null, "1..1000 items", "Give 1-1000 people to verify");
        }
        List<UUID> ids = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            VerifyItem v = items.get(i);
            if (v == null) {
                throw ProblemException.badRequest("[" + i + "]", "an object", "Each item is a JSON object");
            }
            if (v.patronId() != null) {
                ids.add(v.patronId());
            }
            if (v.identityHash() != null) {
                hashes.add(v.identityHash());
            }
            if (v.email() != null) {
                emails.add(v.email().strip());
            }
            if (v.phone() != null) {
                phones.add(PatronInputs.phone(v.phone(), "[" + i + "].phone"));
            }
        }
        return Map.of("held", held.count(new HeldData.Query(ids, hashes, emails, phones)));
    }
}
