package no.nb.bibliotekkortet.auth.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.nb.bibliotekkortet.auth.service.AccessService;
import no.nb.bibliotekkortet.auth.service.AgeCheckService;
import no.nb.bibliotekkortet.auth.domain.Partner;
import no.nb.bibliotekkortet.auth.service.PartnerService;
import no.nb.bibliotekkortet.auth.service.SecurityLevel;
import no.nb.bibliotekkortet.auth.service.Verification;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.ClientEntry;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;

/**
 * Verification of card + PIN/password for partners (R18) and library systems (R17), age checks (R18) and
 * door access (R2). Every answer to a partner or door is 200 with codes only — never personal data.
 */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthenticationResource {

    @Inject
    Caller caller;

    @Inject
    LibraryAccess access;

    @Inject
    PartnerService partners;

    @Inject
    AccessService accessService;

    @Inject
    AgeCheckService ageChecks;

    /**
     * A partner (scope partner.auth, registered) verifies card + PIN or password.
     * 200 {valid, reason?, level?, requiredLevel?, subject?}; 400 malformed card / both secrets;
     * 403 not a registered partner; 429 spray limit; 503 busy.
     */
    @POST
    @Path("/authentications/partner")
    @RolesAllowed(Roles.PARTNER_VERIFICATION)
    public Dtos.PartnerVerification partner(Dtos.VerifyRequest body) {
        Partner partner = requirePartner();
        Dtos.VerifyRequest b = Inputs.body(body);
        Inputs.cardNumber(b.cardNumber(), "cardNumber");
        Inputs.oneSecret(b.pin(), b.password());
        Verification v = partners.verify(partner, caller.clientId().orElseThrow(), b.cardNumber(), b.pin(), b.password());
        return new Dtos.PartnerVerification(v.valid(), reason(v), code(v.valid() ? v.achieved() : null),
                code(v.requiredLevel()), v.subject());
    }

    /**
     * A library system (scope patrons.read, header Library-Number) verifies a patron's card + PIN or password.
     * 200 {valid, reason?, level?, requiredLevel?}; 400; 403 wrong library; 429; 503.
     */
    @POST
    @Path("/authentications/library")
    @RolesAllowed(Roles.LIBRARY_PATRONS_READ)
    public Dtos.LibraryVerification library(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                                            Dtos.VerifyRequest body) {
        ClientEntry client = access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        Dtos.VerifyRequest b = Inputs.body(body);
        Inputs.cardNumber(b.cardNumber(), "cardNumber");
        Inputs.oneSecret(b.pin(), b.password());
        Verification v = accessService.verifyForLibrary(libraryNumber, client.clientId(), b.cardNumber(), b.pin(),
                b.password());
        return new Dtos.LibraryVerification(v.valid(), reason(v), code(v.valid() ? v.achieved() : null),
                code(v.requiredLevel()));
    }

    /**
     * A partner asks whether the patron has reached {@code age} (R18), by card + secret or by a pairwise
     * subject from its verification in the last 15 minutes. 200 {reached} or {reason}; 400 malformed;
     * 403 not a registered partner; 422 threshold not registered (field age); 429 daily limit or spray limit.
     */
    @POST
    @Path("/age-checks")
    @RolesAllowed(Roles.PARTNER_VERIFICATION)
    public Dtos.AgeCheckAnswer ageCheck(Dtos.AgeCheckRequest body) {
        Partner partner = requirePartner();
        Dtos.AgeCheckRequest b = Inputs.body(body);
        if (b.age() == null) {
            throw ProblemException.badRequest("age", "required", "The age threshold is required");
        }
        if (b.subject() != null) {
            if (b.cardNumber() != null || b.pin() != null || b.password() != null) {
                throw ProblemException.badRequest("subject", "either subject or card + secret",
                        "Give a subject or a card number with a secret, not both");
            }
            if (b.subject().length() > 64) {
                throw ProblemException.badRequest("subject", "at most 64 characters", "Not a subject");
            }
        } else {
            Inputs.cardNumber(b.cardNumber(), "cardNumber");
            Inputs.oneSecret(b.pin(), b.password());
        }
        AgeCheckService.Answer a = ageChecks.check(partner, caller.clientId().orElseThrow(), b.cardNumber(), b.pin(),
                b.password(), b.subject(), b.age());
        return new Dtos.AgeCheckAnswer(a.reached(), a.reason() == null ? null : a.reason().name());
    }

    /**
     * A door system of a self-service library (scope door, acting for the library in the path) asks whether
     * card + PIN opens the door (R2). 200 {granted, reason?}; 400; 403 wrong library; 429; 503.
     */
    @POST
    @Path("/open-library/{libraryNumber}/door-access")
    @RolesAllowed(Roles.DOOR_ACCESS)
    public Dtos.DoorAnswer door(@PathParam("libraryNumber") String libraryNumber, Dtos.DoorRequest body) {
        ClientEntry client = access.requireActingFor(libraryNumber, "libraryNumber");
        Dtos.DoorRequest b = Inputs.body(body);
        Inputs.cardNumber(b.cardNumber(), "cardNumber");
        Verification v = accessService.openDoor(libraryNumber, client.clientId(), b.cardNumber(), b.pin());
        return new Dtos.DoorAnswer(v.valid(), reason(v));
    }

    private Partner requirePartner() {
        ClientEntry client = caller.requireClient();
        return partners.requireRegistered(client.partnerId());
    }

    private static String reason(Verification v) {
        return v.reason() == null ? null : v.reason().name();
    }

    private static String code(SecurityLevel level) {
        return level == null ? null : level.code();
    }
}
