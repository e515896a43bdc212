package no.nb.bibliotekkortet.numberseries.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.numberseries.config.NumberSeriesConfig;
import no.nb.bibliotekkortet.numberseries.rest.Views.SeriesView;
import no.nb.bibliotekkortet.numberseries.domain.NumberRange;
import no.nb.bibliotekkortet.numberseries.service.SeriesService;

/**
 * Import of series that exist in the old register (R12), {@code POST /api/v1/number-series/imports}:
 * NB's back office only (scope {@code bibliotekkortet:admin}, client kind ADMIN).
 */
@Path("/api/v1/number-series/imports")
@Produces(MediaType.APPLICATION_JSON)
public class SeriesImportResource {

    /** One series as held by the old register: owner library, first and last card number, reserved at (UTC). */
    public record ImportedSeries(String libraryNumber, String first, String last, Instant reservedAt) {
    }

    /** Body: the series to import, 1..{@code numberseries.max-import-batch}. */
    public record ImportRequest(@NotNull(message = "series is required") List<ImportedSeries> series) {
    }

    /** Per series: whether this import created it ({@code created} false: it was already there). */
    public record ImportedView(boolean created, SeriesView series) {
    }

    /** Result: how many series were created and how many were already present. */
    public record ImportResult(int created, int alreadyPresent, List<ImportedView> series) {
    }

    @Inject
    SeriesService service;

    @Inject
    Callers callers;

    @Inject
    Caller caller;

    @Inject
    NumberSeriesConfig config;

    /**
     * Imports series, all or nothing; idempotent (an identical series already present is reported
     * {@code created: false}).
     *
     * @return 200 with the outcome per series; 400 for a malformed library number, card number or date
     *         (field {@code series[i].x}); 403 unless NB's back office; 422 when first is after last or the
     *         batch size is outside 1..max; 409 {@code series-overlap} naming the conflicting range
     */
    @POST
    @RolesAllowed(Roles.BACK_OFFICE)
    public ImportResult importSeries(@Valid @NotNull(message = "a JSON body is required") ImportRequest request) {
        caller.requireAdmin();
        if (request.series().isEmpty() || request.series().size() > config.maxImportBatch()) {
            throw ProblemException.unprocessable("import-batch-size", "Import batch size out of range",
                    "An import holds 1.." + config.maxImportBatch() + " series", "series", "1.." + config.maxImportBatch());
        }
        List<SeriesService.ImportItem> items = new ArrayList<>();
        for (int i = 0; i < request.series().size(); i++) {
            ImportedSeries s = request.series().get(i);
            String prefix = "series[" + i + "].";
            if (s == null) {
                throw ProblemException.badRequest("series[" + i + "]", "required", "A series entry is required");
            }
            LibraryAccess.requireWellFormed(s.libraryNumber(), prefix + "libraryNumber");
            long first = Callers.cardNumber(s.first(), prefix + "first");
            long last = Callers.cardNumber(s.last(), prefix + "last");
            if (s.reservedAt() == null) {
                throw ProblemException.badRequest(prefix + "reservedAt", "required", "reservedAt is required (ISO-8601 UTC)");
            }
            if (first < 1) {
                throw ProblemException.unprocessable("invalid-range", "Not a series", "Card numbers start at N000000001",
                        prefix + "first", "first >= N000000001");
            }
            if (last < first) {
                throw ProblemException.unprocessable("invalid-range", "Not a series", "last is before first",
                        prefix + "last", "first <= last");
            }
            items.add(new SeriesService.ImportItem(s.libraryNumber(), new NumberRange(first, last), s.reservedAt()));
        }
        List<SeriesService.ImportOutcome> outcomes = service.importSeries(items, callers.actor());
        int created = (int) outcomes.stream().filter(SeriesService.ImportOutcome::created).count();
        return new ImportResult(created, outcomes.size() - created,
                outcomes.stream().map(o -> new ImportedView(o.created(), SeriesView.of(o.series()))).toList());
    }
}
