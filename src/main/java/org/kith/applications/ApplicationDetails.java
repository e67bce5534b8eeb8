package org.kith.applications;

import java.util.List;

import org.kith.audit.AuditEvent;
import org.kith.funds.Fund;
import org.kith.organisations.GroupProfile;

/**
 * One application as staff read it: what the group asked for and answered, who the group is, its files and what
 * has happened so far (as far as this person may see: {@code AuditLog.forStaff}). The fragment
 * {@code staff/application :: details(details=${details})} shows it on every staff page about one application.
 */
public record ApplicationDetails(Application app, Fund fund, GroupProfile group, List<Answer> answers,
        List<AuditEvent> history) {

    /** One question of the fund with the group's answer, or the file that answers it. */
    public record Answer(String key, String label, String text, Attachment file) {

        public boolean answered() {
            return file != null || (text != null && !text.isBlank());
        }
    }
}
