package no.nb.bibliotekkortet.membership.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/** The opaque cursor of the staff list of members: base64url of {@code m:<membership id>}. */
final class MembershipCursor {

    private MembershipCursor() {
    }

    static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("m:" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The membership id after which the page starts; 0 for null or empty.
     *
     * @throws ProblemException 400 naming {@code after} when the value is not a cursor this list gave out
     */
    static long decode(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
            if (!text.matches("m:[0-9]{1,18}")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(text.substring(2));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("after", "a cursor from this list", "Not a cursor given out by this list");
        }
    }
}
