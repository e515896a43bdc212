package no.nb.bibliotekkortet.auth.client;

/** One membership as membership-service reports it: 7-digit library number, state (e.g. ACTIVE), home flag. */
public record Membership(String libraryNumber, String state, boolean home) {

    /** True for state {@code ACTIVE}. */
    public boolean active() {
        return "ACTIVE".equals(state);
    }
}
