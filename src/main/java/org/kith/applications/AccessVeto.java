package org.kith.applications;

import java.util.Set;

import org.kith.identity.CurrentUser;

/** Another module's reason to hide applications from someone, e.g. a declared conflict of interest. */
public interface AccessVeto {

    Set<Long> hiddenFrom(CurrentUser user);
}
