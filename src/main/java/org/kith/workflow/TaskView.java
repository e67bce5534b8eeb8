package org.kith.workflow;

import java.util.Date;

/** One item of a person's inbox. */
public record TaskView(String id, String key, String name, long applicationId, String reference, Date due,
        String assignee, Date created) {
}
