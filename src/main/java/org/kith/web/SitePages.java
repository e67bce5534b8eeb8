package org.kith.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The pages every service owes its users, linked from the footer of every page. */
@Controller
class SitePages {

    @GetMapping("/accessibility")
    String accessibility() {
        return "site/accessibility";
    }

    @GetMapping("/privacy")
    String privacy() {
        return "site/privacy";
    }

    @GetMapping("/cookies")
    String cookies() {
        return "site/cookies";
    }
}
