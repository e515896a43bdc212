package no.nb.bibliotekkortet.numberseries.domain;


/**
 * Where the next series goes in the national number space {@code N000000001..N999999999} (R12): always
 * directly above the highest number reserved so far (ordered, imported or grown), so numbers are never
 * handed out twice and never below an imported series.
 */
public final class NumberSpace {

    private NumberSpace() {
    }

    /** Thrown when the space above the highest reserved number cannot hold a request. */
    public static final class ExhaustedException extends RuntimeException {
        private final long remaining;

        public ExhaustedException(long remaining) {
            super("Only " + remaining + " card numbers remain", null, false, false);
            this.remaining = remaining;
        }

        /** How many numbers remain above the highest reserved one. */
        public long remaining() {
            return remaining;
        }
    }

    /** How many numbers remain above {@code highestReserved} (0 when none was reserved means MAX). */
    public static long remainingAbove(long highestReserved) {
        return Math.max(0, CardNumbers.MAX - highestReserved);
    }

    /**
     * The range of {@code count} numbers directly above {@code highestReserved}.
     *
     * @param highestReserved highest numeric part reserved so far, 0 when none
     * @param count           how many numbers, at least 1
     * @throws ExhaustedException when fewer than {@code count} numbers remain
     */
    public static NumberRange nextRange(long highestReserved, long count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive");
        }
        long remaining = remainingAbove(highestReserved);
        if (remaining < count) {
            throw new ExhaustedException(remaining);
        }
        return new NumberRange(highestReserved + 1, highestReserved + count);
    }
}
