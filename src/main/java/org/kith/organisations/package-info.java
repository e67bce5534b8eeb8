/** The organisation profile, told once and reused across applications and funds; keyed by org-id. */
package org.kith.organisations;
