package no.nb.bibliotekkortet.numberseries.domain;


/**
 * An inclusive range {@code first..last} of card numbers (numeric parts, 1..{@value CardNumbers#MAX}).
 *
 * @throws IllegalArgumentException from the constructor when first &lt; 1, last &lt; first or last &gt; MAX
 */
public record NumberRange(long first, long last) {

    public NumberRange {
        if (first < 1 || last < first || last > CardNumbers.MAX) {
            throw new IllegalArgumentException("Not a card number range: " + first + ".." + last);
        }
    }

    /** How many numbers the range holds. */
    public long size() {
        return last - first + 1;
    }

    /** True when {@code number} lies in the range. */
    public boolean contains(long number) {
        return number >= first && number <= last;
    }

    /** True when the two ranges share at least one number. */
    public boolean overlaps(NumberRange other) {
        return first <= other.last && other.first <= last;
    }

    /** The range as card numbers, e.g. {@code N000000001..N000001000}. */
    @Override
    public String toString() {
        return CardNumbers.format(first) + ".." + CardNumbers.format(last);
    }
}
