package no.nb.bibliotekkortet.auth.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.nb.bibliotekkortet.auth.domain.SecretKind;
import no.nb.bibliotekkortet.auth.service.SecurityLevel;
import no.nb.bibliotekkortet.auth.service.SelfCredentialService;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Roles;

/** A logged-in patron's own credentials and chosen security level (R16, R17). */
@Path("/api/v1/me/credentials")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MeCredentialsResource {

    @Inject
    PatronCaller patron;

    @Inject
    SelfCredentialService self;

    /** {@code GET /api/v1/me/credentials} → 200 {securityLevel, pin, password} (booleans: set or not); 403/404 as in PatronCaller. */
    @GET
    @RolesAllowed({Roles.CITIZEN, Roles.PATRON})
    public Dtos.CredentialsOverview get() {
        SelfCredentialService.Overview o = self.overview(patron.patronId());
        return new Dtos.CredentialsOverview(o.securityLevel().code(), o.pin(), o.password());
    }

    /**
     * {@code PUT /api/v1/me/credentials/security-level} {securityLevel: nlsso-loa-low|substantial|high} (R17),
     * only after an ID-porten login. 204; 400 field securityLevel; 403 {@code idporten-required} for a patron token.
     */
    @PUT
    @Path("/security-level")
    @RolesAllowed(Roles.CITIZEN)
    public void chooseLevel(Dtos.SecurityLevelRequest body) {
        Dtos.SecurityLevelRequest b = Inputs.body(body);
        SecurityLevel level = SecurityLevel.ofCode(b.securityLevel() == null ? "" : b.securityLevel())
                .orElseThrow(() -> ProblemException.badRequest("securityLevel",
                        "nlsso-loa-low|nlsso-loa-substantial|nlsso-loa-high", "Unknown security level"));
        self.chooseLevel(patron.patronId(), level);
    }

    /**
     * {@code PUT /api/v1/me/credentials/pin} {pin, otpId?, code?}: with a code of purpose {@code change-pin}; or,
     * after an ID-porten login at substantial or higher, without a code (forgotten PIN; lifts every lock).
     * 204; 400/422 pin; 403 {@code one-time-code-required} / {@code one-time-code-refused} (rule = reason).
     */
    @PUT
    @Path("/pin")
    @RolesAllowed({Roles.CITIZEN, Roles.PATRON})
    public void changePin(Dtos.PinChange body) {
        Dtos.PinChange b = Inputs.body(body);
        self.change(patron.patronId(), SecretKind.PIN, b.pin(), b.otpId(), b.code(), patron.idportenSubstantialOrHigher());
    }

    /**
     * {@code PUT /api/v1/me/credentials/password} {password, otpId, code}: with a code of purpose
     * {@code change-password}. 204; 400/422 password; 403 {@code one-time-code-required} / {@code one-time-code-refused}.
     */
    @PUT
    @Path("/password")
    @RolesAllowed({Roles.CITIZEN, Roles.PATRON})
    public void changePassword(Dtos.PasswordChange body) {
        Dtos.PasswordChange b = Inputs.body(body);
        self.change(patron.patronId(), SecretKind.PASSWORD, b.password(), b.otpId(), b.code(), false);
    }
}
