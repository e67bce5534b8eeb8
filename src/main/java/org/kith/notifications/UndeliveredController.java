package org.kith.notifications;

import java.util.List;

import org.kith.notifications.UndeliveredMessages.Undelivered;
import org.kith.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** For admins: messages the relay gave up on, and a way to send one again (say, once an address is fixed). */
@RestController
class UndeliveredController {

    private final UndeliveredMessages undelivered;

    UndeliveredController(UndeliveredMessages undelivered) {
        this.undelivered = undelivered;
    }

    @GetMapping("/api/admin/undelivered-notifications")
    List<Undelivered> list() {
        return undelivered.list();
    }

    @PostMapping("/api/admin/undelivered-notifications/{id}/retry")
    Undelivered retry(@PathVariable long id) {
        return undelivered.retry(id)
                .orElseThrow(() -> new NotFoundException("There is no undelivered notification " + id + "."));
    }
}
