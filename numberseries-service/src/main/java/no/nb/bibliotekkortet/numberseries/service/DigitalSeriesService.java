package no.nb.bibliotekkortet.numberseries.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.numberseries.config.NumberSeriesConfig;
import no.nb.bibliotekkortet.numberseries.repository.CardNumber;
import no.nb.bibliotekkortet.numberseries.repository.CardNumberRepository;
import no.nb.bibliotekkortet.numberseries.repository.CardNumberRequest;
import no.nb.bibliotekkortet.numberseries.repository.CardNumberRequestRepository;

/**
 * The national digital series (R9, R14): numbers for digital cards created by self-registration. The
 * register owns it — its series have kind DIGITAL and no library — and it grows by itself: when the
 * current range is used up it reserves the next {@code numberseries.digital-range-size} numbers above
 * everything reserved, exactly like an order ({@link DigitalAllocator}).
 *
 * <p>Every allocation is durable before it is answered (its number ISSUED, its request id, its audit
 * record), but concurrent allocations share the transaction: they are written in batches of up to
 * {@code numberseries.max-write-batch} ({@link GroupCommit}), a few statements per batch whatever its size.
 */
@ApplicationScoped
public class DigitalSeriesService {

    /** One allocation waiting to be written. */
    private record Request(String requestId, Actor actor, Instant at) {
    }

    private final DigitalAllocator allocator;
    private final CardNumberRepository numbers;
    private final CardNumberRequestRepository requests;
    private final CardNumberService cardNumbers;
    private final Clock clock;
    private final NumberSeriesMetrics metrics;
    private final GroupCommit<Request, Optional<NumberStatus>> batches;

    public DigitalSeriesService(DigitalAllocator allocator, CardNumberRepository numbers,
                                CardNumberRequestRepository requests, CardNumberService cardNumbers,
                                NumberSeriesConfig config, Clock clock, NumberSeriesMetrics metrics) {
        this.allocator = allocator;
        this.numbers = numbers;
        this.requests = requests;
        this.cardNumbers = cardNumbers;
        this.clock = clock;
        this.metrics = metrics;
        this.batches = new GroupCommit<>(this::write, config.maxWriteBatch());
    }

    /** The result of an allocation: the number's state, and whether this call allocated it (false on a repeat). */
    public record Allocation(NumberStatus status, boolean created) {
    }

    /**
     * Allocates the next free number of the national digital series and marks it ISSUED, durably before it
     * returns. The number comes from this instance's reserved block ({@link DigitalAllocator}: never the same
     * number twice, across instances and restarts), and the card-number primary key guarantees that no number
     * is handed out twice. A failed allocation leaves its number FREE and unused. Idempotent per request id.
     *
     * @param requestId the caller's id of this registration
     * @return the allocated number (ISSUED)
     * @throws ProblemException 409 {@code number-space-exhausted} when the digital series cannot grow;
     *                          409 {@code request-id-reused} when the id was used for an issue;
     *                          409 {@code card-number-released} when the allocation of this id was released
     */
    public Allocation allocate(String requestId, Actor actor) {
        Optional<NumberStatus> issued = batches.submit(new Request(requestId, actor, Instant.now(clock)));
        if (issued.isPresent()) {
            metrics.allocated("digital");
            return new Allocation(issued.get(), true);
        }
        return QuarkusTransaction.joiningExisting().call(() -> repeated(requestId));
    }

    /** The answer to a request id that was processed before. */
    private Allocation repeated(String requestId) {
        CardNumberRequest earlier = requests.findById(requestId);
        if (earlier.operation != CardNumberRequest.Operation.DIGITAL) {
            throw ProblemException.conflict("request-id-reused", "The request id was used for another request",
                    "This request id was already used for a different operation");
        }
        if (earlier.releasedAt != null) {
            throw ProblemException.conflict("card-number-released", "The allocation was released",
                    "The allocation with this request id was released; use a new request id");
        }
        return new Allocation(cardNumbers.lookup(earlier.number), false);
    }

    /**
     * Writes a batch of allocations in one transaction: claims the request ids (one statement), draws a number
     * for each new one and issues them all (one statement; a number retired while FREE is drawn again), and
     * completes every item once committed: the new ones with their number, repeated ids with empty.
     */
    private void write(List<GroupCommit.Item<Request, Optional<NumberStatus>>> batch) {
        Map<GroupCommit.Item<Request, Optional<NumberStatus>>, NumberStatus> issued = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            issued.clear();
            Set<String> claimed = requests.claimDigital(
                    batch.stream().map(i -> i.value().requestId()).toArray(String[]::new),
                    batch.stream().map(i -> i.value().at()).toArray(Instant[]::new));
            List<GroupCommit.Item<Request, Optional<NumberStatus>>> open = new ArrayList<>();
            for (var item : batch) {
                if (claimed.remove(item.value().requestId())) {
                    open.add(item);
                }
            }
            while (!open.isEmpty()) {
                List<DigitalAllocator.Drawn> drawn = open.stream()
                        .map(i -> allocator.draw(i.value().actor(), i.value().at())).toList();
                Set<String> done = numbers.issueDigital(
                        drawn.stream().map(DigitalAllocator.Drawn::number).toArray(Long[]::new),
                        drawn.stream().map(d -> d.series().id).toArray(Long[]::new),
                        open.stream().map(i -> i.value().requestId()).toArray(String[]::new),
                        open.stream().map(i -> i.value().at()).toArray(Instant[]::new),
                        open.stream().map(i -> i.value().actor().name()).toArray(String[]::new),
                        open.stream().map(i -> i.value().actor().kind()).toArray(String[]::new));
                List<GroupCommit.Item<Request, Optional<NumberStatus>>> again = new ArrayList<>();
                for (int i = 0; i < open.size(); i++) {
                    var item = open.get(i);
                    if (done.contains(item.value().requestId())) {
                        issued.put(item, status(drawn.get(i), item.value().at()));
                    } else {
                        again.add(item);
                    }
                }
                open = again;
            }
        });
        for (var item : batch) {
            item.complete(Optional.ofNullable(issued.get(item)));
        }
    }

    private static NumberStatus status(DigitalAllocator.Drawn drawn, Instant at) {
        CardNumber row = new CardNumber();
        row.number = drawn.number();
        row.seriesId = drawn.series().id;
        row.state = CardNumber.State.ISSUED;
        row.issuedAt = at;
        return NumberStatus.of(drawn.number(), drawn.series(), row, at);
    }
}
