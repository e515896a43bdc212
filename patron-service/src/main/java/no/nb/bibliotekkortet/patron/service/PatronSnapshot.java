package no.nb.bibliotekkortet.patron.service;

import java.util.List;
import java.util.Optional;
import no.nb.bibliotekkortet.patron.repository.Card;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.repository.PatronLibraryRepository.PatronLibrary;

/** A patron with its cards and its copy of memberships, read in one transaction. */
public record PatronSnapshot(Patron patron, List<Card> cards, List<PatronLibrary> libraries) {

    /** R19: true when the patron has an ACTIVE membership at {@code libraryNumber}. */
    public boolean isMemberOf(String libraryNumber) {
        return libraries.stream().anyMatch(l -> l.active() && l.libraryNumber().equals(libraryNumber));
    }

    /** The home library number, if the copy knows one. */
    public Optional<String> homeLibrary() {
        return libraries.stream().filter(PatronLibrary::home).map(PatronLibrary::libraryNumber).findFirst();
    }

    /** Every library number of the patron (any state), for change records. */
    public List<String> libraryNumbers() {
        return libraries.stream().map(PatronLibrary::libraryNumber).toList();
    }
}
