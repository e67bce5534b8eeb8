package org.kith.applications;

import java.math.BigDecimal;
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
import org.kith.notifications.Wording;
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
    static final int MAX_TITLE = 300;
    static final int MAX_SUMMARY = 10000;

    private final Applications applications;
    private final ApplicationAccess access;
    private final Funds funds;
    private final RuntimeService runtime;
    private final Attachments attachments;
    private final Burden burden;
    private final SubmissionNews news;

    ApplicationService(Applications applications, ApplicationAccess access, Funds funds, RuntimeService runtime,
            Attachments attachments, Burden burden, SubmissionNews news) {
        this.applications = applications;
        this.access = access;
        this.funds = funds;
        this.runtime = runtime;
        this.attachments = attachments;
        this.burden = burden;
        this.news = news;
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
        Application submitted = applications.get(id);
        Fund fund = funds.get(submitted.fundId());
        burden.record(submitted, fund, attachments.forApplication(id).size());
        news.submitted(submitted, fund);
        return submitted;
    }

    /**
     * Saves the project fields of a draft page by page: blanks are kept as blanks (a draft may be incomplete), but
     * text that is too long or holds control characters, and an amount outside the fund's range, are refused with
     * field errors {@code title}, {@code summary}, {@code amountRequested}.
     */
    @Transactional
    public Application saveProject(CurrentUser user, long id, String title, String summary, BigDecimal amount) {
        Application application = lockedDraft(user, id);
        checkProject(funds.get(application.fundId()), title, summary, amount);
        applications.updateDraft(id, application.fundId(), title == null ? "" : title.strip(), summary, amount, application.answers());
        return applications.get(id);
    }

    /** The checks of {@link #saveProject}, without saving: a page can list every problem at once. */
    public void checkProject(CurrentUser user, long id, String title, String summary, BigDecimal amount) {
        checkProject(funds.get(access.ownedBy(user, id).fundId()), title, summary, amount);
    }

    private static void checkProject(Fund fund, String title, String summary, BigDecimal amount) {
        List<FieldError> errors = new ArrayList<>();
        if (title != null && title.length() > MAX_TITLE) {
            errors.add(new FieldError("title", "The title must be " + MAX_TITLE + " characters or fewer."));
        } else if (!PlainText.Check.isPlain(title)) {
            errors.add(new FieldError("title", PlainText.MESSAGE));
        }
        if (summary != null && summary.length() > MAX_SUMMARY) {
            errors.add(new FieldError("summary", "The summary must be " + MAX_SUMMARY + " characters or fewer."));
        } else if (!PlainText.Check.isPlain(summary)) {
            errors.add(new FieldError("summary", PlainText.MESSAGE));
        }
        if (amount != null && (amount.scale() > 2 || amount.compareTo(fund.minimumAward()) < 0
                || amount.compareTo(fund.maximumAward()) > 0)) {
            errors.add(new FieldError("amountRequested", "Enter an amount from " + Wording.money(fund.minimumAward())
                    + " to " + Wording.money(fund.maximumAward()) + ", in pounds and pence."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** Saves one text answer of a draft; a blank answer removes it. Field error {@code answers.{key}}. */
    @Transactional
    public Application saveAnswer(CurrentUser user, long id, String questionKey, String answer) {
        Application application = lockedDraft(user, id);
        Fund fund = funds.get(application.fundId());
        Fund.Question question = textQuestion(fund, questionKey);
        Map<String, String> answers = new LinkedHashMap<>(application.answers());
        if (answer == null || answer.isBlank()) {
            answers.remove(question.key());
        } else {
            answers.putAll(checkedAnswers(fund, Map.of(question.key(), answer)));
        }
        applications.updateDraft(id, application.fundId(), application.title(), application.summary(), application.amountRequested(),
                answers);
        return applications.get(id);
    }

    /**
     * Attaches a file to a {@code file} question of a draft, replacing any earlier one. The type is judged by the
     * content; the name is kept only as display text. Field error {@code answers.{key}}.
     */
    @Transactional
    public Attachment attach(CurrentUser user, long id, String questionKey, String originalName, byte[] content) {
        Application application = lockedDraft(user, id);
        Fund.Question question = fileQuestion(funds.get(application.fundId()), questionKey);
        String field = "answers." + question.key();
        if (content == null || content.length == 0) {
            throw InvalidInputException.of(field, "The selected file is empty.");
        }
        if (content.length > UploadedFiles.MAX_BYTES) {
            throw InvalidInputException.of(field, "The file must be 10 MB or smaller.");
        }
        String type = UploadedFiles.allowedType(content).orElseThrow(() -> InvalidInputException.of(field,
                "The file must be a PDF, Word document (.doc or .docx), OpenDocument text, JPEG or PNG."));
        attachments.store(id, question.key(),
                new UploadedFiles.Checked(UploadedFiles.displayName(originalName), type, content), user.username());
        applications.touch(id);
        return attachments.find(id, question.key()).orElseThrow();
    }

    @Transactional
    public void removeAttachment(CurrentUser user, long id, String questionKey) {
        Application application = lockedDraft(user, id);
        Fund.Question question = fileQuestion(funds.get(application.fundId()), questionKey);
        if (attachments.remove(id, question.key()) > 0) {
            applications.touch(id);
        }
    }

    /** The files of an application the caller may read (staff past the draft stage, the group always). */
    public List<Attachment> attachments(CurrentUser user, long id) {
        access.readable(user, id);
        return attachments.forApplication(id);
    }

    /** A file and its bytes, for someone who may read the application; anyone else gets 404. */
    public record Download(Attachment attachment, byte[] content) {
        public String fileName() {
            return UploadedFiles.downloadName(attachment);
        }
    }

    public Download download(CurrentUser user, long id, long attachmentId) {
        access.readable(user, id);
        Attachment attachment = attachments.find(id, attachmentId).orElseThrow(() -> ApplicationAccess.notFound(id));
        return new Download(attachment, attachments.content(attachmentId));
    }

    /**
     * What a draft still needs before it can be sent, in the order the pages ask it: fields {@code title},
     * {@code summary}, {@code amountRequested}, {@code answers.{key}}.
     */
    public List<FieldError> missing(Application application) {
        Fund fund = funds.get(application.fundId());
        java.util.Set<String> attached = new java.util.HashSet<>();
        attachments.forApplication(application.id()).forEach(a -> attached.add(a.questionKey()));
        return missing(application, fund, attached);
    }

    private Application lockedDraft(CurrentUser user, long id) {
        access.ownedBy(user, id);
        if (applications.lockStatus(id) != ApplicationStatus.DRAFT) {
            throw new ConflictException("This application has been sent; it can no longer be changed.");
        }
        return applications.get(id);
    }

    private static Fund.Question textQuestion(Fund fund, String key) {
        return fund.questions().stream().filter(q -> q.key().equals(key) && !q.isFile()).findFirst()
                .orElseThrow(() -> InvalidInputException.of("answers." + key, "This fund does not ask this question."));
    }

    private static Fund.Question fileQuestion(Fund fund, String key) {
        return fund.questions().stream().filter(q -> q.key().equals(key) && q.isFile()).findFirst()
                .orElseThrow(() -> InvalidInputException.of("answers." + key, "This fund does not ask for this file."));
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

    private void checkComplete(Application application, Fund fund) {
        java.util.Set<String> attached = new java.util.HashSet<>();
        if (fund.questions().stream().anyMatch(q -> q.isFile() && q.required())) {
            attachments.forApplication(application.id()).forEach(a -> attached.add(a.questionKey()));
        }
        List<FieldError> errors = missing(application, fund, attached);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static List<FieldError> missing(Application application, Fund fund, java.util.Set<String> attached) {
        List<FieldError> errors = new ArrayList<>();
        if (application.title() == null || application.title().isBlank()) {
            errors.add(new FieldError("title", "Enter a title for your project."));
        }
        if (application.summary() == null || application.summary().isBlank()) {
            errors.add(new FieldError("summary", "Enter a summary of your project."));
        }
        if (application.amountRequested() == null) {
            errors.add(new FieldError("amountRequested", "Enter the amount you are asking for."));
        }
        for (Fund.Question question : fund.questions()) {
            if (!question.required()) {
                continue;
            }
            if (question.isFile()) {
                if (!attached.contains(question.key())) {
                    errors.add(new FieldError("answers." + question.key(), "Add a file: " + question.label()));
                }
            } else {
                String answer = application.answers().get(question.key());
                if (answer == null || answer.isBlank()) {
                    errors.add(new FieldError("answers." + question.key(), "Answer: " + question.label()));
                }
            }
        }
        return errors;
    }
}
