package org.kith.workflow;

import jakarta.servlet.http.HttpServletResponse;

import org.kith.web.ConflictException;
import org.springframework.ui.Model;

/**
 * The friendly page for a task someone else holds or has done ({@code staff/tasks/already-handled}): status 409 with
 * the service's message and the way back to the inbox, instead of the bare 409 page.
 */
public final class AlreadyHandled {

    private AlreadyHandled() {
    }

    /** The view name, with the status and message set. */
    public static String page(ConflictException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("detail", e.getMessage());
        return "staff/tasks/already-handled";
    }
}
