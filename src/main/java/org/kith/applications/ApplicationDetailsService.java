package org.kith.applications;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.kith.audit.AuditLog;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.organisations.Organisations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads {@link ApplicationDetails} for a member of staff who may read the application; anyone else gets 404. */
@Service
public class ApplicationDetailsService {

    private final ApplicationAccess access;
    private final Funds funds;
    private final Organisations organisations;
    private final Attachments attachments;
    private final AuditLog audit;

    ApplicationDetailsService(ApplicationAccess access, Funds funds, Organisations organisations,
            Attachments attachments, AuditLog audit) {
        this.access = access;
        this.funds = funds;
        this.organisations = organisations;
        this.attachments = attachments;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public ApplicationDetails read(CurrentUser user, long applicationId) {
        Application app = access.readable(user, applicationId);
        if (!user.isStaff()) {
            throw ApplicationAccess.notFound(applicationId);
        }
        Fund fund = funds.get(app.fundId());
        Map<String, Attachment> files = attachments.forApplication(applicationId).stream()
                .collect(Collectors.toMap(Attachment::questionKey, Function.identity(), (a, b) -> a));
        Map<String, String> answers = app.answers() == null ? Map.of() : app.answers();
        List<ApplicationDetails.Answer> told = fund.questions().stream()
                .map(q -> new ApplicationDetails.Answer(q.key(), q.label(), answers.get(q.key()), files.get(q.key())))
                .toList();
        return new ApplicationDetails(app, fund, organisations.profile(app.organisationId()).orElseThrow(), told,
                audit.forStaff(applicationId, user.username(), ApplicationAccess.seesAssessments(user, app)));
    }
}
