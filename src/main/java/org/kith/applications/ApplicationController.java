package org.kith.applications;

import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;

import org.kith.audit.AuditEvent;
import org.kith.audit.AuditLog;
import org.kith.identity.CurrentUser;
import org.kith.identity.UserAccounts;
import org.kith.web.Paging;
import org.kith.workflow.DeadlockRetry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/applications")
class ApplicationController {

    static final int MAX_PAGE_SIZE = 1000;

    private final ApplicationService service;
    private final ApplicationAccess access;
    private final AuditLog audit;
    private final UserAccounts accounts;

    ApplicationController(ApplicationService service, ApplicationAccess access, AuditLog audit,
            UserAccounts accounts) {
        this.service = service;
        this.access = access;
        this.audit = audit;
        this.accounts = accounts;
    }

    @PostMapping
    ResponseEntity<ApplicationView> create(CurrentUser user, @Valid @RequestBody ApplicationRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Application created = service.createDraft(user, request, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/applications/" + created.id()))
                .body(ApplicationView.of(created));
    }

    @PutMapping("/{id}")
    ApplicationView edit(CurrentUser user, @PathVariable long id, @Valid @RequestBody ApplicationRequest request) {
        return ApplicationView.of(service.editDraft(user, id, request));
    }

    @PostMapping("/{id}/submit")
    ApplicationView submit(CurrentUser user, @PathVariable long id) {
        return ApplicationView.of(DeadlockRetry.run(() -> service.submit(user, id)));
    }

    @PostMapping("/{id}/withdraw")
    ApplicationView withdraw(CurrentUser user, @PathVariable long id) {
        return ApplicationView.of(service.withdraw(user, id));
    }

    /**
     * What the caller may see, newest first, in pages of up to {@value #MAX_PAGE_SIZE}; staff can narrow it to
     * {@code ?fundId=} and {@code ?status=}. A {@code Link: <...>; rel="next"} header says another page may follow.
     */
    @GetMapping
    ResponseEntity<List<ApplicationView>> list(CurrentUser user, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + MAX_PAGE_SIZE) int size, @RequestParam(required = false) Long fundId,
            @RequestParam(required = false) ApplicationStatus status) {
        Paging paging = Paging.of(page, size, MAX_PAGE_SIZE);
        ApplicationAccess.ReadablePage found = access.readablePage(user, fundId, status, paging);
        ResponseEntity.BodyBuilder reply = ResponseEntity.ok();
        paging.nextLink(found.more()).ifPresent(link -> reply.header(HttpHeaders.LINK, link));
        return reply.body(found.applications().stream().map(ApplicationView::of).toList());
    }

    @GetMapping("/{id}")
    ApplicationView show(CurrentUser user, @PathVariable long id) {
        return ApplicationView.of(access.readable(user, id));
    }

    @GetMapping("/{id}/history")
    List<AuditEvent> history(CurrentUser user, @PathVariable long id) {
        Application application = access.readable(user, id);
        return user.isStaff()
                ? audit.forStaff(id, user.username(), ApplicationAccess.seesAssessments(user, application))
                : audit.forApplicant(id, Set.copyOf(accounts.members(application.organisationId())));
    }
}
