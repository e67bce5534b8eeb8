package org.kith.identity;

import org.kith.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** For admins: lets a person whose username was locked by failed sign-ins (perhaps someone else's) in again. */
@RestController
class SignInLockController {

    private final LoginThrottle throttle;

    SignInLockController(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @DeleteMapping("/api/admin/sign-in-locks/{username}")
    ResponseEntity<Void> clear(@PathVariable String username) {
        if (!throttle.forget(username)) {
            throw new NotFoundException("No failed sign-ins are counted for " + username + ".");
        }
        return ResponseEntity.noContent().build();
    }
}
