package no.nb.bibliotekkortet.membership.service;

import java.util.List;

/** The login security levels a library system can support (R17). */
public final class SecurityLevels {

    /** All levels, lowest first; also the default of a seeded library. */
    public static final List<String> ALL = List.of("nlsso-loa-low", "nlsso-loa-substantial", "nlsso-loa-high");

    private SecurityLevels() {
    }

    /**
     * The first value that is not a known level, or null when all are known and the list is not empty.
     *
     * @param levels the requested levels
     * @return an offending value, {@code ""} for an empty list, or null when valid
     */
    public static String invalid(List<String> levels) {
        if (levels == null || levels.isEmpty()) {
            return "";
        }
        return levels.stream().filter(l -> !ALL.contains(l)).findFirst().orElse(null);
    }
}
