package org.kith.applications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.Execution;
import org.flowable.engine.runtime.ProcessInstance;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.web.ConflictException;
import org.kith.web.ForbiddenException;
import org.kith.web.IdempotencyKeyReusedException;
import org.kith.web.InvalidInputException;
import org.kith.web.InvalidInputException.FieldError;
import org.kith.web.PlainText;
import org.kith.workflow.EngineUser;
import org.kith.workflow.ProcessKeys;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The applicant's side of an application: draft, edit, submit (which starts the process), withdraw. */
@Service
public class ApplicationService {

    private static final int MAX_IDEMPOTENCY_KEY = 100;

    private final Applications applications;
    private final ApplicationAccess access;
    private final Funds funds;
    private final RuntimeService runtime;

    ApplicationService(Applications applications, ApplicationAccess access, Funds funds, RuntimeService runtime) {
        this.applications = applications;
        this.access = access;
        this.funds = funds;
        this.runtime = runtime;
    }

    /**
     * Creates a draft. The same idempotency key from the same organisation with the same request returns the
     * first draft; with a different request it is refused (422), since the key then names two things.
     */
    @Transactional
    public Application createDraft(CurrentUser user, ApplicationRequest request, String idempotencyKey) {
        if (!user.has(Role.APPLICANT) || user.organisationId() == null) {
            throw new ForbiddenException("Only a member of an applicant organisation can start an application.");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw InvalidInputException.of("Idempotency-Key", "Send a key of 1 to 100 characters, or none.");
        }
        String fingerprint = idempotencyKey == null ? null : fingerprint(request);
        if (idempotencyKey != null) {
            var earlier = applications.findByIdempotencyKey(user.organisationId(), idempotencyKey);
            if (earlier.isPresent()) {
                return sameRequest(earlier.get(), fingerprint);
            }
        }
        Fund fund = fund(request);
        Map<String, String> answers = checkedAnswers(fund, request.answers());
        try {
            long id = applications.createDraft(fund.id(), user.organisationId(), user.username(), idempotencyKey,
                    fingerprint, request.title().strip(), request.summary(), request.amountRequested(), answers);
            return applications.get(id);
        } catch (DuplicateKeyException raced) {
            return sameRequest(applications.findByIdempotencyKey(user.organisationId(), idempotencyKey).orElseThrow(),
                    fingerprint);
        }
    }

    /**
     * Edits a draft. The fund may change to another one while it is a draft (nothing has been checked against the
     * fund yet); the answers are then checked against the new fund's questions. A missing or unknown fund is
     * refused as on creation.
     */
    @Transactional
    public Application editDraft(CurrentUser user, long id, ApplicationRequest request) {
        access.ownedBy(user, id);
        Fund fund = fund(request);
        applications.updateDraft(id, fund.id(), request.title().strip(), request.summary(),
                request.amountRequested(), checkedAnswers(fund, request.answers()));
        return applications.get(id);
    }

    private Fund fund(ApplicationRequest request) {
        if (request.fundId() == null) {
            throw InvalidInputException.of("fundId", "Choose the fund you are applying to.");
        }
        return funds.find(request.fundId())
                .orElseThrow(() -> InvalidInputException.of("fundId", "There is no fund with this id."));
    }

    private Application sameRequest(Application earlier, String fingerprint) {
        String stored = applications.idempotencyFingerprint(earlier.id()).orElse(null);
        if (stored != null && !stored.equals(fingerprint)) {
            throw new IdempotencyKeyReusedException();
        }
        return earlier;
    }

    /**
     * SHA-256 of what the request asks for, in a fixed order: the same draft sent again with its keys in another
     * order, or 3000 written as 3000.00, is the same request.
     */
    static String fingerprint(ApplicationRequest request) {
        StringBuilder canonical = new StringBuilder();
        field(canonical, request.fundId() == null ? null : request.fundId().toString());
        field(canonical, request.title() == null ? null : request.title().strip());
        field(canonical, request.summary());
        field(canonical, request.amountRequested() == null ? null
                : request.amountRequested().stripTrailingZeros().toPlainString());
        new TreeMap<>(request.answers() == null ? Map.<String, String>of() : request.answers())
                .forEach((question, answer) -> {
                    field(canonical, question);
                    field(canonical, answer);
                });
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length-prefixed, so no choice of text can make two different requests read the same. */
    private static void field(StringBuilder canonical, String value) {
        canonical.append(value == null ? "-1" : Integer.toString(value.length())).append(':')
                .append(value == null ? "" : value).append(';');
    }

    /**
     * Submits a complete draft and starts its grantApplication process. Sent twice, the second call finds
     * the row locked, waits, then sees it is no longer a draft and returns it as it is: one process.
     */
    @Transactional
    public Application submit(CurrentUser user, long id) {
        Application application = access.ownedBy(user, id);
        if (applications.lockStatus(id) != ApplicationStatus.DRAFT) {
            return applications.get(id);
        }
        checkComplete(application, funds.get(application.fundId()));
        applications.transition(id, ApplicationStatus.SUBMITTED, "SUBMITTED", null);
        ProcessInstance instance = EngineUser.as(user.username(), () -> runtime.createProcessInstanceBuilder()
                .processDefinitionKey(ProcessKeys.GRANT_APPLICATION)
                .businessKey(Long.toString(id))
                .variable(ProcessKeys.APPLICATION_ID, id)
                .variable("applicantGroup", CurrentUser.organisationGroup(application.organisationId()))
                .start());
        applications.recordProcess(id, instance.getProcessInstanceId());
        return applications.get(id);
    }

    /** Withdraws before a decision. A draft simply becomes WITHDRAWN; a running process is told by message. */
    @Transactional
    public Application withdraw(CurrentUser user, long id) {
        access.ownedBy(user, id);
        ApplicationStatus status = applications.lockStatus(id);
        if (status == ApplicationStatus.WITHDRAWN) {
            return applications.get(id);
        }
        if (!ApplicationStatus.WITHDRAWABLE.contains(status)) {
            throw new ConflictException("This application is " + status
                    + "; it can only be withdrawn before a decision is made.");
        }
        Application application = applications.get(id);
        if (application.processInstanceId() == null) {
            applications.transition(id, ApplicationStatus.WITHDRAWN, "WITHDRAWN", "Withdrawn by the applicant.");
            return applications.get(id);
        }
        Execution subscribed = runtime.createExecutionQuery()
                .processInstanceId(application.processInstanceId())
                .messageEventSubscriptionName(ProcessKeys.WITHDRAWAL_MESSAGE)
                .singleResult();
        if (subscribed == null) {
            throw new ConflictException("This application can no longer be withdrawn.");
        }
        EngineUser.as(user.username(), () -> {
            runtime.messageEventReceived(ProcessKeys.WITHDRAWAL_MESSAGE, subscribed.getId());
            return null;
        });
        return applications.get(id);
    }

    private static Map<String, String> checkedAnswers(Fund fund, Map<String, String> answers) {
        if (answers == null) {
            return Map.of();
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> kept = new LinkedHashMap<>();
        answers.forEach((key, value) -> {
            var question = fund.questions().stream().filter(q -> q.key().equals(key)).findFirst();
            if (question.isEmpty()) {
                errors.add(new FieldError("answers." + key, "This fund does not ask this question."));
            } else if (value != null && value.length() > question.get().maxLength()) {
                errors.add(new FieldError("answers." + key,
                        "Your answer must be " + question.get().maxLength() + " characters or fewer."));
            } else if (!PlainText.Check.isPlain(value)) {
                errors.add(new FieldError("answers." + key, PlainText.MESSAGE));
            } else if (value != null) {
                kept.put(key, value);
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return kept;
    }

    private static void checkComplete(Application application, Fund fund) {
        List<FieldError> errors = new ArrayList<>();
        if (application.summary() == null || application.summary().isBlank()) {
            errors.add(new FieldError("summary", "Enter a summary of your project."));
        }
        if (application.amountRequested() == null) {
            errors.add(new FieldError("amountRequested", "Enter the amount you are asking for."));
        }
        for (Fund.Question question : fund.questions()) {
            String answer = application.answers().get(question.key());
            if (question.required() && (answer == null || answer.isBlank())) {
                errors.add(new FieldError("answers." + question.key(), "Answer: " + question.label()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
