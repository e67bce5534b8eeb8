package org.kith.documents;

import java.time.Clock;
import java.time.LocalDate;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.kith.applications.Application;
import org.kith.applications.Applications;
import org.kith.audit.AuditLog;
import org.kith.awards.AwardRecords;
import org.kith.funds.Funds;
import org.kith.organisations.Organisations;
import org.kith.workflow.ProcessKeys;
import org.springframework.stereotype.Component;

/** Async job (retried by the engine): renders the offer letter and stores it with the application. */
@Component("issueOfferLetter")
class IssueOfferLetter implements JavaDelegate {

    private final Applications applications;
    private final AwardRecords awards;
    private final Funds funds;
    private final Organisations organisations;
    private final OfferLetterPdf pdf;
    private final Documents documents;
    private final AuditLog audit;
    private final Clock clock;

    IssueOfferLetter(Applications applications, AwardRecords awards, Funds funds, Organisations organisations,
            OfferLetterPdf pdf, Documents documents, AuditLog audit, Clock clock) {
        this.applications = applications;
        this.awards = awards;
        this.funds = funds;
        this.organisations = organisations;
        this.pdf = pdf;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long applicationId = ProcessKeys.applicationId(execution);
        Application application = applications.get(applicationId);
        AwardRecords.Award award = awards.award(applicationId)
                .orElseThrow(() -> new IllegalStateException("no award for application " + applicationId));
        byte[] letter = pdf.render(new OfferLetterPdf.Letter(application.reference(),
                organisations.get(application.organisationId()).name(), funds.get(application.fundId()).name(),
                application.title(), award.amount(), award.conditions(), award.respondBy(), LocalDate.now(clock)));
        documents.store(applicationId, Documents.OFFER_LETTER, "application/pdf", letter);
        audit.record(applicationId, AuditLog.SYSTEM, "OFFER_LETTER_ISSUED", null, null, null);
    }
}
