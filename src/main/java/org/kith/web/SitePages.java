package org.kith.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages every service owes its users, linked from the footer of every page. Their words are in
 * messages.properties ({@code site.<page>.h<n>} and {@code .p<n>}), shown by one template.
 */
@Controller
class SitePages {

    @GetMapping("/accessibility")
    String accessibility(Model model) {
        return page("accessibility", 6, model);
    }

    @GetMapping("/privacy")
    String privacy(Model model) {
        return page("privacy", 7, model);
    }

    @GetMapping("/cookies")
    String cookies(Model model) {
        return page("cookies", 3, model);
    }

    private static String page(String name, int paragraphs, Model model) {
        model.addAttribute("page", name);
        model.addAttribute("paragraphs", paragraphs);
        return "site/page";
    }
}
