package no.nb.bibliotekkortet.auth.domain;

import java.util.List;

/**
 * A registered partner (R18, R11): id (the client registry's partner id), name, kind, the age
 * thresholds it may ask in age checks, and whether the patron must belong to a library that pays for it.
 */
public record Partner(String partnerId, String name, Kind kind, List<Integer> ageThresholds,
                      boolean requiresPayingLibrary) {

    /** Partner kinds; the kind decides the activity kind reported for its verifications (R21). */
    public enum Kind {
        FILM, EBOOK, OTHER;

        /** Activity kind for patron-service: FILM, EBOOK or LOGIN. */
        public String activityKind() {
            return this == OTHER ? "LOGIN" : name();
        }
    }

    public Partner {
        ageThresholds = ageThresholds == null ? List.of() : List.copyOf(ageThresholds);
    }
}
