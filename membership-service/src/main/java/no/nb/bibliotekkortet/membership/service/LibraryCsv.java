package no.nb.bibliotekkortet.membership.service;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the library list (BaseBibliotek extract): a real CSV file with a header
 * {@code library_number,name,library_type,municipality_code,...}; names may be quoted and contain commas.
 */
public final class LibraryCsv {

    /** One row of the list. */
    public record Row(String libraryNumber, String name, short type, String municipalityCode) {
    }

    private static final Pattern SEVEN_DIGITS = Pattern.compile("\\d{7}");
    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");

    private LibraryCsv() {
    }

    /**
     * Parses the list.
     *
     * @param in the CSV text (UTF-8 reader)
     * @return the rows in file order
     * @throws IOException on unreadable input
     * @throws IllegalArgumentException naming the line when a row has a malformed library number,
     *                                  type or municipality code, or no name
     */
    public static List<Row> parse(Reader in) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema).readValues(in)) {
            int line = 1;
            while (it.hasNext()) {
                line++;
                Map<String, String> r = it.next();
                String number = trim(r.get("library_number"));
                String name = trim(r.get("name"));
                String type = trim(r.get("library_type"));
                String municipality = trim(r.get("municipality_code"));
                if (number == null || !SEVEN_DIGITS.matcher(number).matches() || name == null || name.isEmpty()
                        || type == null || !type.matches("\\d") || municipality == null
                        || !FOUR_DIGITS.matcher(municipality).matches()) {
                    throw new IllegalArgumentException("Malformed library list row at line " + line);
                }
                rows.add(new Row(number, name, Short.parseShort(type), municipality));
            }
        }
        return rows;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
