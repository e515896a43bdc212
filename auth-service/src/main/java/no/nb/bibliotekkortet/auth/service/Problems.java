package no.nb.bibliotekkortet.auth.service;

import java.util.Map;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/** Problem responses specific to auth-service (never carrying personal data). */
public final class Problems {

    private Problems() {
    }

    /** 503 when every hashing slot stays busy for the configured wait; the client retries after {@code seconds}. */
    public static ProblemException busy(int seconds) {
        return new ProblemException(Problem.of(503, "hashing-busy", "Service busy",
                "Too many verifications at once; retry shortly", null, null),
                Map.of("Retry-After", Integer.toString(seconds)));
    }

    /** 429 when a limit for this client (or patron and partner) is used up until {@code seconds} from now. */
    public static ProblemException tooMany(String slug, String detail, long seconds) {
        return new ProblemException(Problem.of(429, slug, "Too many requests", detail, null, null),
                Map.of("Retry-After", Long.toString(Math.max(1, seconds))));
    }
}
