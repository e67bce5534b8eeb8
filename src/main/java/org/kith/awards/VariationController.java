package org.kith.awards;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.flowable.engine.RuntimeService;
import org.kith.applications.ApplicationAccess;
import org.kith.applications.ApplicationStatus;
import org.kith.applications.Applications;
import org.kith.identity.CurrentUser;
import org.kith.notifications.Wording;
import org.kith.web.ConflictException;
import org.kith.web.InvalidInputException;
import org.kith.web.PlainText;
import org.kith.workflow.EngineUser;
import org.kith.workflow.ProcessKeys;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class VariationController {

    record VariationRequest(
            @NotBlank(message = "Describe the change you are asking for.")
            @Size(max = 10000, message = "The description must be 10,000 characters or fewer.")
            @PlainText String description,
            @DecimalMin(value = "0.01", message = "Enter an amount of at least £0.01.")
            @Digits(integer = 12, fraction = 2, message = "Enter an amount in pounds and pence.")
            BigDecimal newAmount) {
    }

    private final ApplicationAccess access;
    private final Applications applications;
    private final Variations variations;
    private final RuntimeService runtime;

    VariationController(ApplicationAccess access, Applications applications, Variations variations,
            RuntimeService runtime) {
        this.access = access;
        this.applications = applications;
        this.variations = variations;
        this.runtime = runtime;
    }

    /**
     * One open request at a time: with the grant's row locked, a request while another still waits for review is
     * refused (409, naming the open one), so a burst of requests makes one review task, not many.
     */
    @PostMapping("/api/applications/{id}/variations")
    @Transactional
    ResponseEntity<Variations.Variation> request(CurrentUser user, @PathVariable long id,
            @Valid @RequestBody VariationRequest request) {
        access.ownedBy(user, id);
        if (applications.lockStatus(id) != ApplicationStatus.FUNDED) {
            throw new ConflictException("A change can be asked for only while the grant is running.");
        }
        variations.open(id).ifPresent(open -> {
            throw new ConflictException("Your request for a change made on " + Wording.day(open.requestedAt()
                    .toLocalDate()) + " is still being reviewed. You can ask for another change once it has been"
                    + " decided.", Map.of("openVariationId", open.id(), "openVariationRequestedAt",
                            open.requestedAt().toString()));
        });
        if (request.newAmount() != null) {
            variations.refusalOfNewAmount(id, request.newAmount()).ifPresent(refusal -> {
                throw InvalidInputException.of("newAmount", refusal);
            });
        }
        long variationId = variations.request(id, request.description(), request.newAmount(), user.username());
        var instance = EngineUser.as(user.username(), () -> runtime.createProcessInstanceBuilder()
                .processDefinitionKey(ProcessKeys.GRANT_VARIATION)
                .businessKey(Long.toString(id))
                .variable(ProcessKeys.APPLICATION_ID, id)
                .variable(ProcessKeys.VARIATION_ID, variationId)
                .start());
        variations.recordProcess(variationId, instance.getId());
        return ResponseEntity.created(URI.create("/api/applications/" + id + "/variations/" + variationId))
                .body(variations.find(variationId).orElseThrow());
    }

    @GetMapping("/api/applications/{id}/variations")
    List<Variations.Variation> list(CurrentUser user, @PathVariable long id) {
        access.readable(user, id);
        return variations.forApplication(id);
    }
}
