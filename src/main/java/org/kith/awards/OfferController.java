package org.kith.awards;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.kith.applications.ApplicationAccess;
import org.kith.identity.CurrentUser;
import org.kith.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The offer on an application: the amount, its conditions, and the one date it must be answered by. */
@RestController
class OfferController {

    /**
     * {@code respondBy} is the last day to answer, as the letter prints it; {@code lapsesAt} (UTC) is when the
     * offer lapses if it has not been answered, the start of the next day.
     */
    record OfferView(long applicationId, BigDecimal amount, String conditions, LocalDateTime offeredAt,
            LocalDate respondBy, LocalDateTime lapsesAt, Boolean accepted) {
    }

    private final ApplicationAccess access;
    private final AwardRecords records;

    OfferController(ApplicationAccess access, AwardRecords records) {
        this.access = access;
        this.records = records;
    }

    @GetMapping("/api/applications/{id}/offer")
    OfferView offer(CurrentUser user, @PathVariable long id) {
        access.readable(user, id);
        AwardRecords.Award award = records.award(id)
                .orElseThrow(() -> new NotFoundException("No offer has been made on this application."));
        return new OfferView(id, award.amount(), award.conditions(), award.offeredAt(), award.respondBy(),
                award.lapsesAt(), award.accepted());
    }
}
