package no.nb.bibliotekkortet.auth.rest;

import jakarta.annotation.security.RolesAllowed;
import no.nb.bibliotekkortet.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nb.bibliotekkortet.auth.config.AuthConfig;
import no.nb.bibliotekkortet.auth.service.PatronSessionService;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.TokenKind;

/**
 * Patron login for the register's first-party clients (R16, R17): the client calls with its own
 * Maskinporten token (client id in {@code auth.sessions.first-party-clients}) and the patron's card and
 * secret; the answer is a short-lived patron token signed by auth-service.
 */
@Path("/api/v1/patron-sessions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PatronSessionResource {

    static final String ONE_TIME_CODE = "one-time-code";

    @Inject
    Caller caller;

    @Inject
    AuthConfig config;

    @Inject
    PatronSessionService sessions;

    /**
     * {@code POST /api/v1/patron-sessions}:
     * <ul>
     * <li>{cardNumber, pin} → 200 token at {@code nlsso-loa-low}; {cardNumber, password} → 200 at substantial;</li>
     * <li>{cardNumber, pin, secondFactor: "one-time-code", channel?} → 202 {otpId, channel, expiresAt}: a
     * {@code login} code went to the patron; then {otpId, code} → 200 token at substantial.</li>
     * </ul>
     * 200 {accessToken, tokenType "Bearer", expiresIn (s), level}; 403 {@code login-refused} problem with
     * {@code reason} (INVALID, LOCKED, LEVEL_TOO_LOW, or for the code EXPIRED, USED, WRONG_PURPOSE,
     * TOO_MANY_TRIES) and {@code requiredLevel} for LEVEL_TOO_LOW; 400 malformed (field named); 401 no token;
     * 403 {@code not-first-party-client}; 422 channel without an address; 429 spray / code limit; 503.
     */
    @POST
    @RolesAllowed(Roles.WEB_SITE)
    public Response login(Dtos.SessionRequest body) {
        String clientId = requireFirstPartyClient();
        Dtos.SessionRequest b = Inputs.body(body);
        PatronSessionService.Outcome outcome;
        if (b.otpId() != null || b.code() != null) {
            if (b.cardNumber() != null || b.pin() != null || b.password() != null || b.secondFactor() != null
                    || b.channel() != null) {
                throw ProblemException.badRequest("otpId", "only otpId and code",
                        "The second step carries only otpId and code");
            }
            require(b.otpId(), "otpId");
            require(b.code(), "code");
            outcome = sessions.finishTwoStep(clientId, b.otpId(), b.code());
        } else {
            Inputs.cardNumber(b.cardNumber(), "cardNumber");
            Inputs.oneSecret(b.pin(), b.password());
            if (b.secondFactor() != null) {
                if (!ONE_TIME_CODE.equals(b.secondFactor())) {
                    throw ProblemException.badRequest("secondFactor", ONE_TIME_CODE, "The only second factor is one-time-code");
                }
                if (b.password() != null) {
                    throw ProblemException.badRequest("password", "pin with one-time-code",
                            "The two-step login is card + PIN, then a one-time code");
                }
                outcome = sessions.startTwoStep(clientId, b.cardNumber(), b.pin(), Inputs.channel(b.channel()));
            } else {
                if (b.channel() != null) {
                    throw ProblemException.badRequest("channel", "only with secondFactor",
                            "A channel is only given for the two-step login");
                }
                outcome = sessions.login(clientId, b.cardNumber(), b.pin(), b.password());
            }
        }
        return answer(outcome);
    }

    private static Response answer(PatronSessionService.Outcome outcome) {
        if (outcome instanceof PatronSessionService.LoggedIn in) {
            return Response.ok(new Dtos.SessionToken(in.token().token(), "Bearer", in.token().expiresIn(),
                    in.level().code())).header("Cache-Control", "no-store").build();
        }
        if (outcome instanceof PatronSessionService.CodeSent sent) {
            return Response.accepted(new Dtos.SessionCodeSent(sent.code().otpId().toString(), sent.code().channel(),
                    sent.code().expiresAt(), ONE_TIME_CODE)).build();
        }
        PatronSessionService.Refused r = (PatronSessionService.Refused) outcome;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problem.TYPE_BASE + "login-refused");
        problem.put("title", "Login refused");
        problem.put("status", 403);
        problem.put("detail", r.requiredLevel() == null ? "The login was refused: " + r.reason()
                : "The patron's chosen security level requires " + r.requiredLevel().code());
        problem.put("rule", r.reason());
        problem.put("reason", r.reason());
        if (r.requiredLevel() != null) {
            problem.put("requiredLevel", r.requiredLevel().code());
        }
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private String requireFirstPartyClient() {
        String clientId = caller.clientId().orElse(null);
        if (caller.tokenKind().orElse(null) != TokenKind.MASKINPORTEN || clientId == null
                || !config.sessions().firstPartyClients().contains(clientId)) {
            throw ProblemException.forbidden("not-first-party-client",
                    "Only the register's own first-party clients may log patrons in");
        }
        return clientId;
    }

    private static void require(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badRequest(field, "required", field + " is required");
        }
    }
}
