/** Users, roles, organisation membership and the security configuration. */
package org.kith.identity;
