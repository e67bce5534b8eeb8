package org.kith.operations;

import java.util.LinkedHashMap;
import java.util.Map;

import org.kith.audit.AuditLog;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.SignInLocks;
import org.kith.notifications.UndeliveredMessages;
import org.kith.web.ForbiddenException;
import org.kith.web.JsonColumns;
import org.kith.web.Messages;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's process health page: applications per step, failed and parked jobs with Retry, the process versions
 * deployed, undelivered messages with Retry, sign-in locks with Release. Admins only. Each action is a POST that
 * writes an audit event and comes back here with a banner; one that finds nothing left to do says so.
 */
@Controller
class ProcessHealthPages {

    private final ProcessHealth health;
    private final UndeliveredMessages undelivered;
    private final SignInLocks locks;
    private final AuditLog audit;
    private final JsonColumns json;
    private final Messages messages;

    ProcessHealthPages(ProcessHealth health, UndeliveredMessages undelivered, SignInLocks locks, AuditLog audit,
            JsonColumns json, Messages messages) {
        this.health = health;
        this.undelivered = undelivered;
        this.locks = locks;
        this.audit = audit;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/staff/health")
    String show(CurrentUser user, Model model) {
        adminOnly(user);
        model.addAttribute("steps", health.steps());
        model.addAttribute("running", health.runningApplications());
        model.addAttribute("failed", health.failedJobs());
        model.addAttribute("deadLetters", health.deadLetters());
        model.addAttribute("definitions", health.definitions());
        model.addAttribute("undelivered", undelivered.list());
        model.addAttribute("locks", locks.current());
        return "staff/health/health";
    }

    @PostMapping("/staff/health/failed-jobs/{id}/retry")
    @Transactional
    String retryFailed(CurrentUser user, @PathVariable String id, RedirectAttributes redirect) {
        adminOnly(user);
        return health.retryFailed(id).map(job -> {
            record("JOB_RETRIED", job);
            return done(redirect, messages.text("health.jobs.retried", job.step()));
        }).orElseGet(() -> done(redirect, messages.text("health.jobs.gone")));
    }

    @PostMapping("/staff/health/dead-letters/{id}/retry")
    @Transactional
    String retryDeadLetter(CurrentUser user, @PathVariable String id, RedirectAttributes redirect) {
        adminOnly(user);
        return health.retryDeadLetter(id).map(job -> {
            record("DEAD_LETTER_JOB_RETRIED", job);
            return done(redirect, messages.text("health.deadLetters.retried", job.step()));
        }).orElseGet(() -> done(redirect, messages.text("health.jobs.gone")));
    }

    @PostMapping("/staff/health/undelivered/{id}/retry")
    @Transactional
    String retryMessage(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        adminOnly(user);
        return undelivered.retry(id).map(message -> {
            audit.record(null, "NOTIFICATION_RETRIED", null, null, json.write(Map.of("notificationId", id,
                    "kind", message.kind(), "recipient", message.recipient())));
            return done(redirect, messages.text("health.undelivered.retried", message.recipient()));
        }).orElseGet(() -> done(redirect, messages.text("health.undelivered.gone")));
    }

    @PostMapping("/staff/health/sign-in-locks/{userId}/release")
    @Transactional
    String release(CurrentUser user, @PathVariable long userId, RedirectAttributes redirect) {
        adminOnly(user);
        String name = locks.current().accounts().stream().filter(l -> l.userId() == userId)
                .map(SignInLocks.Lock::username).findFirst().orElse(null);
        if (!locks.release(userId)) {
            return done(redirect, messages.text("health.locks.gone"));
        }
        audit.record(null, "SIGN_IN_LOCK_RELEASED", null, null, json.write(Map.of("userId", userId,
                "username", name == null ? "" : name)));
        return done(redirect, messages.text("health.locks.released", name == null ? "" : name));
    }

    private void record(String action, ProcessHealth.JobRow job) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("jobId", job.id());
        detail.put("process", job.processKey());
        detail.put("step", job.step());
        if (job.applicationId() != null) {
            detail.put("applicationId", job.applicationId());
        }
        audit.record(null, action, null, null, json.write(detail));
    }

    private static String done(RedirectAttributes redirect, String banner) {
        redirect.addFlashAttribute("successBanner", banner);
        return "redirect:/staff/health";
    }

    private static void adminOnly(CurrentUser user) {
        if (!user.has(Role.ADMIN)) {
            throw new ForbiddenException("Only administrators see the health of the processes.");
        }
    }
}
