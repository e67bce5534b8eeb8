package org.kith.awards;

import java.time.ZoneOffset;
import java.util.Date;

import org.flowable.variable.api.delegate.VariableScope;
import org.kith.workflow.ProcessKeys;
import org.springframework.stereotype.Component;

/**
 * When the offer lapses, for the acceptOffer timer and due date ({@code ${offerDeadline.of(execution)}}): the
 * moment stored with the award by recordAward, so the date the letter prints is the date the offer lapses,
 * however late the letter job runs.
 */
@Component("offerDeadline")
public class OfferDeadline {

    private final AwardRecords records;

    OfferDeadline(AwardRecords records) {
        this.records = records;
    }

    public Date of(VariableScope execution) {
        long applicationId = ProcessKeys.applicationId(execution);
        AwardRecords.Award award = records.award(applicationId)
                .orElseThrow(() -> new IllegalStateException("no award for application " + applicationId));
        return Date.from(award.lapsesAt().toInstant(ZoneOffset.UTC));
    }
}
