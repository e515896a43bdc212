package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.nb.bibliotekkortet.common.client.DownstreamException;
import no.nb.bibliotekkortet.common.client.RemoteCall;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * auth-service as patron-service calls it (docs/architecture.md, "A call to another service"): the initial PIN
 * and password of a registration, the consumption of a one-time code (R16). Answers are read through common's
 * {@link RemoteCall}; a failure is a {@link DownstreamException} (503 {@code downstream-unavailable} with
 * {@code Retry-After}); auth-service's refusals (4xx) are answers, not failures, and do not count against the
 * circuit breaker. Timeout and circuit breaker are set in application.properties
 * ({@code no.nb.bibliotekkortet.patron.client.AuthClient/...}); nothing is retried (a code is single use).
 * PINs, passwords and codes are never logged.
 */
@ApplicationScoped
@Timeout
@CircuitBreaker(failOn = {DownstreamException.class, TimeoutException.class})
public class AuthClient {

    static final String SERVICE = "auth-service";

    private final AuthRestClient api;
    private final ObjectMapper json;

    public AuthClient(@RestClient AuthRestClient api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    /**
     * Sets the initial PIN and optional password ({@code PUT /internal/v1/patrons/{id}/credentials}).
     *
     * @throws ProblemException    422 {@code pin-refused}, or {@code password-refused} when a password was sent and
     *                             auth-service's problem names it, when auth-service answers 400 or 422 (trivial
     *                             PIN, short or common password)
     * @throws DownstreamException on other failures
     */
    @Fallback(fallbackMethod = "noCredentials", applyOn = FaultToleranceException.class)
    public void setCredentials(UUID patronId, String pin, String password) {
        try {
            RemoteCall.run(SERVICE, () -> api.setCredentials(patronId, new AuthRestClient.Credentials(pin, password)));
        } catch (DownstreamException e) {
            if (e.status() != 400 && e.status() != 422) {
                throw e;
            }
            boolean isPassword = password != null && "password".equals(answer(e.body()).map(AuthRestClient.Answer::field).orElse(null));
            String field = isPassword ? "password" : "pin";
            throw ProblemException.unprocessable(field + "-refused", isPassword ? "Password refused" : "PIN refused",
                    "auth-service refused the initial " + (isPassword ? "password" : "PIN"), field,
                    "credential rules of auth-service");
        }
    }

    /**
     * Has auth-service consume a one-time code (single use, purpose-bound, R16).
     *
     * @return empty when consumed ({@code 200 {valid: true}}); otherwise the refusal reason auth-service gave
     *         (e.g. {@code INVALID}, {@code EXPIRED}, {@code USED}, {@code WRONG_PURPOSE}; {@code refused} when it gave none),
     *         at most 60 characters
     * @throws DownstreamException when auth-service fails (5xx, no answer)
     */
    @Fallback(fallbackMethod = "noConsumption", applyOn = FaultToleranceException.class)
    public Optional<String> consumeOneTimeCode(String otpId, String code, String purpose, UUID patronId) {
        Optional<AuthRestClient.Answer> answer;
        try {
            answer = RemoteCall.call(SERVICE, () -> api.consume(new AuthRestClient.Consume(otpId, code, purpose, patronId.toString())));
        } catch (DownstreamException e) {
            if (e.status() < 400 || e.status() >= 500) {
                throw e;
            }
            answer = answer(e.body());
        }
        if (answer.isPresent() && Boolean.TRUE.equals(answer.get().valid())) {
            return Optional.empty();
        }
        return Optional.of(answer.map(AuthClient::reason).orElse("refused"));
    }

    /**
     * How much auth-service still holds about these people (by patron id and identity hash; R20, R21).
     *
     * @throws DownstreamException on any failure or an answer without a count
     */
    @Fallback(fallbackMethod = "noCount", applyOn = FaultToleranceException.class)
    public long held(List<ErasureVerification.Item> items) {
        return ErasureVerification.count(SERVICE, RemoteCall.call(SERVICE, () -> api.verifyErasure(items)));
    }

    long noCount(List<ErasureVerification.Item> items) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    void noCredentials(UUID patronId, String pin, String password) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    Optional<String> noConsumption(String otpId, String code, String purpose, UUID patronId) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    private Optional<AuthRestClient.Answer> answer(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readerFor(AuthRestClient.Answer.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(body));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String reason(AuthRestClient.Answer answer) {
        for (String value : new String[] {answer.reason(), answer.rule(), answer.type()}) {
            if (value != null && !value.isBlank()) {
                String v = value.substring(value.lastIndexOf('/') + 1);
                return v.length() > 60 ? v.substring(0, 60) : v;
            }
        }
        return "refused";
    }
}
