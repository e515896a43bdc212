package no.nb.bibliotekkortet.notification.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.notification.service.ErasureService;
import no.nb.bibliotekkortet.notification.service.Recipients;

/**
 * The erasure contract every service holding patron data offers (ARCHITECTURE.md, R20/R21):
 * {@code POST /internal/v1/erasures} and {@code POST /internal/v1/erasures/verify}.
 */
@Path("/internal/v1/erasures")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ErasureResource {

    /** Most patrons per request. */
    public static final int MAX_BATCH = 1000;

    /** Answer to an erasure: notifications erased now, and queued deletion notices kept until sent (then erased). */
    public record ErasureAnswer(int erased, int keptUntilSent) {
    }

    /**
     * One patron to verify: patron id, keyed identity hash (accepted, never stored here: this service
     * holds no identity numbers), e-mail address and E.164 phone; any may be null.
     */
    public record VerifyItem(String patronId, String identityHash, String email, String phone) {
    }

    /** How many notifications still hold personal data of the listed patrons. */
    public record VerifyAnswer(long held) {
    }

    @Inject
    ErasureService service;

    /**
     * Erases the personal data of these patrons' notifications (batch, idempotent).
     *
     * @param patronIds JSON array of patron ids (at most {@value #MAX_BATCH})
     * @return 200 with counts; 400 naming {@code [i]} for a malformed id
     */
    @POST
    @RolesAllowed(Roles.SERVICE_INTERNAL)
    public ErasureAnswer erase(@NotNull(message = "a JSON array of patron ids is required") List<String> patronIds) {
        checkSize(patronIds.size());
        for (int i = 0; i < patronIds.size(); i++) {
            if (!Recipients.isPatronId(patronIds.get(i))) {
                throw ProblemException.badRequest("[" + i + "]", "patron id", "Not a patron id");
            }
        }
        ErasureService.ErasureResult result = service.erasePatrons(patronIds);
        return new ErasureAnswer(result.erased(), result.keptUntilSent());
    }

    /**
     * Counts what is still held about these patrons (0 after erasure).
     *
     * @return 200 {@code {"held": n}}
     */
    @POST
    @Path("/verify")
    @RolesAllowed(Roles.SERVICE_INTERNAL)
    public VerifyAnswer verify(@NotNull(message = "a JSON array is required") List<VerifyItem> items) {
        checkSize(items.size());
        List<String> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            VerifyItem item = items.get(i);
            if (item == null) {
                throw ProblemException.badRequest("[" + i + "]", "object", "Each entry must be an object");
            }
            if (item.patronId() != null) {
                if (!Recipients.isPatronId(item.patronId())) {
                    throw ProblemException.badRequest("[" + i + "].patronId", "patron id", "Not a patron id");
                }
                ids.add(item.patronId());
            }
            if (item.email() != null) {
                emails.add(item.email());
            }
            if (item.phone() != null) {
                phones.add(item.phone());
            }
        }
        return new VerifyAnswer(service.countHeld(ids, emails, phones));
    }

    private static void checkSize(int size) {
        if (size > MAX_BATCH) {
            throw ProblemException.badRequest("[]", "at most " + MAX_BATCH + " entries", "Too many entries in one request");
        }
    }
}
